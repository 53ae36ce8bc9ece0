package io.kiln.bench;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The folder the probes write their records into, and waiting for one record. Waiting sleeps on the
 * folder's change events, so the harness takes no CPU from the process it measures.
 */
final class ProbeOutput implements Closeable {

    private final Path folder;
    private final WatchService watch;

    ProbeOutput(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder).toAbsolutePath();
        this.watch = folder.getFileSystem().newWatchService();
        folder.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
    }

    Path folder() {
        return folder;
    }

    /** @return the instant the probe recorded for {@code event}, or empty if none came within {@code timeout} */
    OptionalLong await(String event, Duration timeout) throws IOException, InterruptedException {
        Optional<String> text = awaitText(event, timeout);
        return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text.get().trim()));
    }

    /** @return the content of the record of {@code event}, or empty if none came within {@code timeout} */
    Optional<String> awaitText(String event, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path record = folder.resolve(event);
        while (true) {
            try {
                return Optional.of(Files.readString(record, StandardCharsets.US_ASCII));
            } catch (NoSuchFileException e) {
                // not yet
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            WatchKey key = watch.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            if (key != null) {
                key.pollEvents();
                key.reset();
            }
        }
    }

    /** Removes an earlier record of {@code event}, so that the next {@link #await} sees a new one. */
    void forget(String event) throws IOException {
        Files.deleteIfExists(folder.resolve(event));
    }

    @Override
    public void close() throws IOException {
        watch.close();
    }
}
