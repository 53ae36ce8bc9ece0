package io.kiln.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drains a launched process's output into a log file (a full pipe would block the process) and notes when
 * its "ready" line appeared; if asked to, it also keeps every line with the instant it was read, for a harness
 * that waits for a line of its own ({@link #awaitLine}).
 */
final class ConsoleLog {

    /** The ready line: when the harness read it, and the start time the process reported in it, if any. */
    record Ready(long readMicros, long reportedMillis) {
    }

    /** One line of output and the instant, in epoch microseconds, the harness read it. */
    record Line(long readMicros, String text) {
    }

    private final CompletableFuture<Ready> ready = new CompletableFuture<>();
    private final BlockingQueue<Line> lines;

    ConsoleLog(InputStream output, Path file, Optional<Pattern> readyLine) {
        this(output, file, readyLine, false);
    }

    /** @param keepLines whether to keep every line for {@link #awaitLine} */
    ConsoleLog(InputStream output, Path file, Optional<Pattern> readyLine, boolean keepLines) {
        this.lines = keepLines ? new LinkedBlockingQueue<>() : null;
        Thread reader = new Thread(() -> drain(output, file, readyLine), "console " + file.getFileName());
        reader.setDaemon(true);
        reader.start();
    }

    private void drain(InputStream output, Path file, Optional<Pattern> readyLine) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            Pattern ready = readyLine.orElse(null);
            for (String line; (line = in.readLine()) != null; ) {
                long now = Micros.now();
                log.write(line);
                log.write('\n');
                log.flush();
                if (lines != null) {
                    lines.add(new Line(now, line));
                }
                Matcher matcher = ready == null ? null : ready.matcher(line);
                if (matcher != null && matcher.find()) {
                    long reported = matcher.groupCount() > 0 ? Long.parseLong(matcher.group(1)) : -1;
                    this.ready.complete(new Ready(now, reported));
                }
            }
        } catch (IOException e) {
            // the process is gone; its log ends here
        }
    }

    /**
     * The next kept line, from those not taken yet, that matches; the lines before it are dropped.
     *
     * @return the line, or empty if none came within {@code timeout}
     */
    Optional<Line> awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        if (lines == null) {
            throw new IllegalStateException("this console keeps no lines");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Line line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                return Optional.empty();
            }
            if (pattern.matcher(line.text()).find()) {
                return Optional.of(line);
            }
        }
    }

    /** @return the ready line, if it appeared within {@code timeoutMillis} */
    Optional<Ready> awaitReady(long timeoutMillis) throws InterruptedException {
        try {
            return Optional.of(ready.get(timeoutMillis, TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return Optional.empty();
        }
    }
}
