package io.kiln.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drains a launched process's output into a log file (a full pipe would block the process) and notes when
 * its "ready" line appeared.
 */
final class ConsoleLog {

    /** The ready line: when the harness read it, and the start time the process reported in it, if any. */
    record Ready(long readMicros, long reportedMillis) {
    }

    private final CompletableFuture<Ready> ready = new CompletableFuture<>();

    ConsoleLog(InputStream output, Path file, Optional<Pattern> readyLine) {
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

    /** @return the ready line, if it appeared within {@code timeoutMillis} */
    Optional<Ready> awaitReady(long timeoutMillis) throws InterruptedException {
        try {
            return Optional.of(ready.get(timeoutMillis, TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return Optional.empty();
        }
    }
}
