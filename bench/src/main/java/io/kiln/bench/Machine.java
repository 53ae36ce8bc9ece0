package io.kiln.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Where and when the figures were taken, for the report's header. */
record Machine(String date, int cpus, String cpuModel, String memory, String os, String java, String loadAverage) {

    static Machine current() {
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String java = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")";
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
        return new Machine(date, Runtime.getRuntime().availableProcessors(), field("/proc/cpuinfo", "model name"),
                field("/proc/meminfo", "MemTotal"), os, java, ProcFs.loadAverage());
    }

    private static String field(String file, String name) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.US_ASCII);
            return lines.stream().filter(l -> l.startsWith(name)).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
