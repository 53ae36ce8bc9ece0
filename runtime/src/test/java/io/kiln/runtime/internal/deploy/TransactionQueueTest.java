package io.kiln.runtime.internal.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

public class TransactionQueueTest {

    @Test
    public void waitingCountsKeysNotYetStartedOnceEachDeferredIncluded() throws Exception {
        try (TransactionQueue queue = new TransactionQueue(2)) {
            queue.submit("a.jar", () -> { });
            queue.submit("a.jar", () -> { }); // a burst for one file: the newest replaces the one waiting
            queue.submit("b.jar", () -> { });
            queue.defer("c.jar", () -> { });
            assertEquals(3, queue.waiting());
            queue.open();
            assertTrue(queue.awaitIdle(10_000));
            assertEquals(0, queue.waiting());
        }
    }

    @Test
    public void runningWorkIsNotWaiting() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (TransactionQueue queue = new TransactionQueue(1)) {
            queue.open();
            queue.submit("a.jar", () -> {
                started.countDown();
                await(release);
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            assertEquals(0, queue.waiting());
            queue.submit("a.jar", () -> { });
            assertEquals("the next change to the running file waits", 1, queue.waiting());
            release.countDown();
            assertTrue(queue.awaitIdle(10_000));
            assertEquals(0, queue.waiting());
        }
    }

    @Test
    public void groupableWorkWaitingTogetherRunsAsOneGroupAndOtherWorkByItself() throws Exception {
        List<List<String>> groups = new CopyOnWriteArrayList<>();
        List<String> alone = new CopyOnWriteArrayList<>();
        try (TransactionQueue queue = new TransactionQueue(1, group -> groups.add(group.stream().map(Object::toString).toList()))) {
            queue.submit("a.jar", new Named("a"));
            queue.submit("b.jar", new Named("b"));
            queue.submit("folder", () -> alone.add("folder"));
            queue.submit("c.jar", new Named("c"));
            queue.open();
            assertTrue(queue.awaitIdle(10_000));
        }
        assertEquals(List.of(List.of("a", "b", "c")), groups);
        assertEquals(List.of("folder"), alone);
    }

    /** Groupable work that only says its name: the group handler runs it. */
    private record Named(String name) implements TransactionQueue.Groupable {
        @Override
        public void run() {
            throw new AssertionError("run as part of a group, never by itself");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
