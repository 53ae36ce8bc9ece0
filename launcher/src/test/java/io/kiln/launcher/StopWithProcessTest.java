package io.kiln.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

public class StopWithProcessTest {

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Test
    public void withoutThePropertyThereIsNoOwner() throws Exception {
        assertEquals(Optional.empty(), StopWithProcess.owner(null));
        assertEquals(Optional.empty(), StopWithProcess.owner(" "));
        assertEquals(Optional.of(42L), StopWithProcess.owner(" 42"));
    }

    @Test
    public void aValueThatIsNoProcessIdIsRefusedByName() {
        LaunchException e = assertThrows(LaunchException.class, () -> StopWithProcess.owner("dev"));
        assertEquals("kiln.stopWithProcess must be a process id, not 'dev'", e.getMessage());
    }

    @Test
    public void theOptionNamesThisProcess() {
        assertEquals("-Dkiln.stopWithProcess=" + ProcessHandle.current().pid(), StopWithProcess.optionForThisProcess());
    }

    @Test
    public void kilnStopsWhenTheProcessEndsKilled() throws Exception {
        Process owner = new ProcessBuilder("sleep", "60").start();
        try {
            StopWithProcess.watch(owner.pid(), stopped::countDown);
            assertFalse("not while it runs", stopped.await(0, TimeUnit.MILLISECONDS));
            owner.destroyForcibly();
            assertTrue("stopped once it ended", stopped.await(30, TimeUnit.SECONDS));
        } finally {
            owner.destroyForcibly();
        }
    }

    @Test
    public void kilnStopsAtOnceWhenTheProcessHasEndedAlready() throws Exception {
        Process owner = new ProcessBuilder("true").start();
        owner.waitFor();
        StopWithProcess.watch(owner.pid(), stopped::countDown);
        assertTrue(stopped.await(30, TimeUnit.SECONDS));
    }
}
