package io.kiln.launcher.client;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What dev mode prints for a build: one line with what changed, the times and the outcome, e.g.
 * {@code 12:00:01 Greeter.java → compiled 3 sources in 41 ms, packaged in 12 ms, reloaded in 25 ms: APPLIED 1.0.0.SNAPSHOT};
 * for a compile error each problem as {@code file:line:column: message}; for anything not live, that the last good
 * version keeps running.
 */
final class DevLines {

    static final String KEEPS_RUNNING = "the last good version keeps running";
    static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int NAMES_SHOWN = 3;

    private DevLines() {
    }

    /** @param changed the files whose change started the build; none for the first build */
    static List<String> build(LocalTime time, Collection<Path> changed, BuildResult r) {
        List<String> lines = new ArrayList<>();
        String what = changed.isEmpty() ? "first build" : names(changed);
        boolean compileError = !r.live() && !r.problems().isEmpty();
        StringBuilder line = new StringBuilder(TIME_OF_DAY.format(time)).append(' ').append(what).append(" → ");
        if (compileError) {
            line.append(sources(r.sources())).append(" did not compile");
            if (r.compileMillis() >= 0) {
                line.append(" (").append(r.compileMillis()).append(" ms)");
            }
            line.append(": ").append(r.outcome()).append(", ").append(r.problems().size()).append(r.problems().size() == 1 ? " problem" : " problems");
        } else {
            line.append(times(r)).append(": ").append(r.outcome()).append(r.version().isEmpty() ? "" : " " + r.version());
            if (r.outcome().equals("UNCHANGED")) {
                line.append(" (the same build runs)");
            }
        }
        lines.add(line.toString());
        r.problems().forEach(p -> lines.add(p.toString()));
        if (!r.detail().isBlank() && !compileError) {
            r.detail().strip().lines().forEach(l -> lines.add("  " + l));
        }
        if (!r.live()) {
            lines.add(KEEPS_RUNNING);
        }
        return lines;
    }

    /** {@code compiled 3 sources in 41 ms, packaged in 12 ms, reloaded in 25 ms}, leaving out what Kiln did not say. */
    private static String times(BuildResult r) {
        List<String> parts = new ArrayList<>();
        if (r.compileMillis() >= 0) {
            parts.add("compiled " + sources(r.sources()) + " in " + r.compileMillis() + " ms");
        }
        if (r.packageMillis() >= 0) {
            parts.add("packaged in " + r.packageMillis() + " ms");
        }
        if (r.reloadMillis() >= 0) {
            parts.add("reloaded in " + r.reloadMillis() + " ms");
        }
        return parts.isEmpty() ? "built" : String.join(", ", parts);
    }

    private static String sources(int n) {
        return n < 0 ? "the sources" : n + (n == 1 ? " source" : " sources");
    }

    /** The changed files' names, the first few of them: {@code A.java, B.java, bnd.bnd and 4 more}. */
    static String names(Collection<Path> changed) {
        Set<String> names = new LinkedHashSet<>();
        changed.forEach(p -> names.add(p.getFileName().toString()));
        List<String> list = new ArrayList<>(names);
        if (list.size() <= NAMES_SHOWN + 1) {
            return String.join(", ", list);
        }
        return String.join(", ", list.subList(0, NAMES_SHOWN)) + " and " + (list.size() - NAMES_SHOWN) + " more";
    }

    /** How long from {@code kiln dev}'s start to its first live build: {@code live 3.4 s after kiln dev started}. */
    static String firstLive(long millis) {
        return String.format(java.util.Locale.ROOT, "live %.1f s after kiln dev started", millis / 1000.0);
    }
}
