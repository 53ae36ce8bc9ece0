package io.kiln.runtime.internal.deploy;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

import org.junit.After;
import org.junit.Test;

public class BoundedLifecycleTest {

    private final BoundedLifecycle lifecycle = new BoundedLifecycle(50, null);
    private final CountDownLatch release = new CountDownLatch(1);

    @After
    public void close() {
        release.countDown();
        lifecycle.close();
    }

    /** A call that ignores interrupts and returns only when released. */
    private BoundedLifecycle.Call hangsUntilReleased() {
        return () -> {
            while (true) {
                try {
                    release.await();
                    return;
                } catch (InterruptedException ignored) {
                    // a stubborn activator: it goes on waiting
                }
            }
        };
    }

    @Test
    public void aCallThatNeverReturnsIsMarkedStuckUntilItDoes() throws Exception {
        assertThrows(StuckException.class, () -> lifecycle.call("start", "p", hangsUntilReleased()));
        assertTrue(lifecycle.isStuck("p"));
        assertThrows(StuckException.class, () -> lifecycle.call("stop", "p", () -> { }));

        release.countDown();
        org.awaitility.Awaitility.await().until(() -> !lifecycle.isStuck("p"));
    }

    @Test
    public void aCallThatReturnsJustBeforeItIsMarkedStuckIsNotLeftStuck() throws Exception {
        lifecycle.beforeMarkingStuck = future -> {
            release.countDown();
            try {
                future.get(); // it has returned, and cleaned up after itself, before the mark is made
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        };
        assertThrows(StuckException.class, () -> lifecycle.call("start", "p", hangsUntilReleased()));
        assertFalse("marked stuck after it returned", lifecycle.isStuck("p"));
    }
}
