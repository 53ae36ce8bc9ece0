package io.kiln.runtime.internal.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

public class SectionLocksTest {

    private final SectionLocks locks = new SectionLocks();
    private final Path file = Path.of("conf", "a.cfg");
    private final List<String> done = new CopyOnWriteArrayList<>();

    @Test
    public void workForAFreeSectionIsDoneAtOnceOnTheCallersThread() {
        locks.nowOrByHolder(file, () -> done.add("late check on " + Thread.currentThread().getName()));
        assertEquals(List.of("late check on " + Thread.currentThread().getName()), done);
    }

    @Test
    public void workForASectionBeingChangedIsLeftToTheChangeWhichDoesItAsItLetsGo() throws Exception {
        CountDownLatch mayFinish = new CountDownLatch(1);
        Thread change = changeHolding(mayFinish, () -> done.add("change"));

        // as a framework event would: it must not wait for the change, which may be waiting for the event's thread
        locks.nowOrByHolder(file, () -> done.add("late check on " + Thread.currentThread().getName()));
        assertEquals("nothing done while the change holds the lock", List.of(), done);

        mayFinish.countDown();
        change.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(List.of("change", "late check on change"), done);
    }

    @Test
    public void aChangeWithinAChangeLeavesTheWorkToTheOuterOnesEnd() throws Exception {
        CountDownLatch inner = new CountDownLatch(1);
        CountDownLatch handed = new CountDownLatch(1);
        Thread set = new Thread(() -> locks.holding(file, () -> {
            locks.holding(file, () -> {
                inner.countDown();
                await(handed);
                done.add("apply");
            });
            done.add("rest of the set");
        }), "set");
        set.start();
        await(inner);
        locks.nowOrByHolder(file, () -> done.add("late check"));
        handed.countDown();
        set.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(List.of("apply", "rest of the set", "late check"), done);
    }

    @Test
    public void workHandedOverOnTheChangesOwnThreadIsDoneAtItsEndNotInItsMiddle() {
        locks.holding(file, () -> {
            // as when a dependent the change restarts resolves, on the change's own thread
            locks.nowOrByHolder(file, () -> done.add("late check"));
            done.add("rest of the change");
        });
        assertEquals(List.of("rest of the change", "late check"), done);
    }

    @Test
    public void workHandedOverTwiceBeforeTheChangeEndsIsDoneOnceTheNewestAsBothDoTheSame() throws Exception {
        CountDownLatch mayFinish = new CountDownLatch(1);
        Thread change = changeHolding(mayFinish, () -> { });
        locks.nowOrByHolder(file, () -> done.add("first"));
        locks.nowOrByHolder(file, () -> done.add("second"));
        mayFinish.countDown();
        change.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(List.of("second"), done);
    }

    /**
     * A change on a thread named "change", holding the file's lock until {@code mayFinish}, then doing {@code last};
     * returned once it holds the lock.
     */
    private Thread changeHolding(CountDownLatch mayFinish, Runnable last) {
        CountDownLatch changing = new CountDownLatch(1);
        Thread change = new Thread(() -> locks.holding(file, () -> {
            changing.countDown();
            await(mayFinish);
            last.run();
        }), "change");
        change.start();
        await(changing);
        return change;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue("timed out", latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
