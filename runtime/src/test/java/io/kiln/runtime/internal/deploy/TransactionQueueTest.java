package io.kiln.runtime.internal.deploy;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Test;

public class TransactionQueueTest {

    private final TransactionQueue queue = new TransactionQueue(2);

    @After
    public void close() {
        queue.close();
    }

    @Test
    public void nothingRunsUntilOpened() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        queue.submit("a", runs::incrementAndGet);
        assertFalse(queue.awaitIdle(50));
        assertEquals(0, runs.get());
        queue.open();
        assertTrue(queue.awaitIdle(5000));
        assertEquals(1, runs.get());
    }

    @Test
    public void requestsPilingUpBehindARunningOneCollapseToTheNewest() throws Exception {
        queue.open();
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        queue.submit("file", () -> {
            ran.add("first");
            waitFor(release);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 1);
        for (int i = 2; i <= 5; i++) {
            String name = "save-" + i;
            queue.submit("file", () -> ran.add(name));
        }
        release.countDown();
        assertTrue(queue.awaitIdle(5000));
        assertEquals(List.of("first", "save-5"), ran);
    }

    @Test
    public void deferredWorkRunsAgainOnceOtherWorkFinishes() throws Exception {
        queue.open();
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        queue.submit("provider", () -> waitFor(release));
        queue.submit("consumer", new Runnable() {
            @Override
            public void run() {
                if (queue.othersUnderWay("consumer")) {
                    ran.add("deferred");
                    queue.defer("consumer", this);
                } else {
                    ran.add("applied");
                }
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("deferred"));
        assertFalse("idle while work is deferred", queue.awaitIdle(50));
        release.countDown();
        assertTrue(queue.awaitIdle(5000));
        assertEquals(List.of("deferred", "applied"), ran);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
