package io.kiln.launcher.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Gathers the changes of one save into one build: after the first change, waits until nothing relevant has changed
 * for the quiet time (an editor writes a file in several steps, a refactoring touches several files), but never longer
 * than {@code longest} from the first change, so that a file written over and over still gets built. A file created
 * and gone again within the burst (a tool's temp file, written and moved over the real one) is no change.
 */
final class Debounce {

    /** One file that changed; {@code created} when it is new. */
    record Change(Path path, boolean created) {
    }

    /** Where changes come from (a {@link SourceWatcher}). */
    interface Changes {
        /** Waits for the next change. @return the files it touched, maybe none (an editor's temp file) */
        List<Change> take() throws InterruptedException;

        /** Waits at most {@code nanos}. @return the files the next change touched (maybe none), or {@code null} when none came */
        List<Change> poll(long nanos) throws InterruptedException;
    }

    private final long quietNanos;
    private final long longestNanos;

    Debounce(Duration quiet, Duration longest) {
        this.quietNanos = quiet.toNanos();
        this.longestNanos = Math.max(longest.toNanos(), quietNanos);
    }

    /** @return the files changed by the next burst of changes, once it is over */
    Set<Path> next(Changes changes) throws InterruptedException {
        for (;;) {
            Set<Path> batch = burst(changes);
            if (!batch.isEmpty()) {
                return batch;
            }
        }
    }

    private Set<Path> burst(Changes changes) throws InterruptedException {
        Set<Path> batch = new LinkedHashSet<>();
        Set<Path> created = new HashSet<>();
        List<Change> first;
        do {
            first = changes.take();
        } while (first.isEmpty());
        add(first, batch, created);
        long start = System.nanoTime();
        long last = start;
        for (;;) {
            long now = System.nanoTime();
            long wait = Math.min(last + quietNanos - now, start + longestNanos - now);
            if (wait <= 0) {
                batch.removeIf(p -> created.contains(p) && !Files.exists(p));
                return batch;
            }
            List<Change> more = changes.poll(wait);
            if (more != null && !more.isEmpty()) {
                add(more, batch, created);
                last = System.nanoTime();
            }
        }
    }

    private static void add(List<Change> changes, Set<Path> batch, Set<Path> created) {
        for (Change c : changes) {
            if (batch.add(c.path()) && c.created()) {
                created.add(c.path());
            }
        }
    }
}
