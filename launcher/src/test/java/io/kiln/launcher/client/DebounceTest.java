package io.kiln.launcher.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

/** One save, one build: changes close together are gathered, a later one is a build of its own. */
public class DebounceTest {

    private final BlockingQueue<List<Debounce.Change>> queue = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    /** Changes as a watcher would hand them over, from a queue. */
    private final Debounce.Changes changes = new Debounce.Changes() {
        @Override
        public List<Debounce.Change> take() throws InterruptedException {
            return queue.take();
        }

        @Override
        public List<Debounce.Change> poll(long nanos) throws InterruptedException {
            return queue.poll(nanos, TimeUnit.NANOSECONDS);
        }
    };

    @After
    public void stop() {
        later.shutdownNow();
    }

    private static Debounce.Change changed(String file) {
        return new Debounce.Change(Path.of(file), false);
    }

    private void at(long millis, Debounce.Change... change) {
        later.schedule(() -> queue.add(List.of(change)), millis, TimeUnit.MILLISECONDS);
    }

    @Test
    public void changesCloseTogetherAreOneBuild() throws Exception {
        Debounce debounce = new Debounce(Duration.ofMillis(100), Duration.ofSeconds(5));
        at(0, changed("A.java"));
        at(20, changed("B.java"));
        at(40, changed("A.java"), changed("C.java"));
        at(600, changed("D.java"));
        assertEquals(Set.of(Path.of("A.java"), Path.of("B.java"), Path.of("C.java")), debounce.next(changes));
        assertEquals(Set.of(Path.of("D.java")), debounce.next(changes));
    }

    @Test
    public void aBuildWaitsForTheQuietTimeAfterTheLastChange() throws Exception {
        Debounce debounce = new Debounce(Duration.ofMillis(150), Duration.ofSeconds(5));
        queue.add(List.of(changed("A.java")));
        long start = System.nanoTime();
        assertEquals(1, debounce.next(changes).size());
        long waited = (System.nanoTime() - start) / 1_000_000;
        assertTrue("waited " + waited + " ms", waited >= 150);
    }

    @Test
    public void nothingRelevantIsNoBuild() throws Exception {
        Debounce debounce = new Debounce(Duration.ofMillis(30), Duration.ofSeconds(5));
        queue.add(List.of()); // an editor's swap file
        // a tool's temp file, created and moved away within the save, and the file it was moved onto
        queue.add(List.of(new Debounce.Change(Path.of("/nowhere/sedX1a2b3"), true), changed("A.java")));
        assertEquals(Set.of(Path.of("A.java")), debounce.next(changes));
        queue.add(List.of(new Debounce.Change(Path.of("/nowhere/sedX1a2b3"), true)));
        at(200, changed("B.java"));
        assertEquals("a burst of temp files alone builds nothing", Set.of(Path.of("B.java")), debounce.next(changes));
    }

    @Test
    public void aFileWrittenOverAndOverStillGetsBuilt() throws Exception {
        Debounce debounce = new Debounce(Duration.ofMillis(50), Duration.ofMillis(300));
        for (int i = 0; i < 100; i++) {
            at(i * 20L, changed("Log" + i + ".java"));
        }
        long start = System.nanoTime();
        Set<Path> first = debounce.next(changes);
        long waited = (System.nanoTime() - start) / 1_000_000;
        assertTrue("waited " + waited + " ms for " + first.size() + " changes", waited < 1_500 && first.size() < 100);
    }
}
