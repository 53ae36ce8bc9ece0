package io.kiln.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code --calls-only}: calls through reloads ({@link CallsBench}) and memory after updates ({@link UpdateMemory}) on
 * copies of the distribution, written as Markdown to {@code calls-results.md} beside the report. The exit is non-zero
 * when a call through handles failed or an update did not commit.
 */
final class CallsRun {

    private CallsRun() {
    }

    /** @return the process's exit code */
    static int run(BenchOptions options, KilnProduct kiln, Machine machine, String command) throws IOException, InterruptedException {
        Path report = options.results().resolveSibling("calls-results.md");
        StringBuilder md = new StringBuilder();
        String revision = System.getenv().getOrDefault("KILN_BENCH_REVISION", "not given (KILN_BENCH_REVISION)");
        md.append("Calls through a swap (issue 10): ").append("`").append(command).append("`, revision ").append(revision).append("\n\n")
                .append(String.format(Locale.ROOT, "%s, %d CPUs (%s), %s, load average %s%n%n", machine.date(), machine.cpus(),
                        machine.cpuModel(), machine.java(), machine.loadAverage()));
        int exit = 0;
        try (Workspace workspace = new Workspace(options.work().resolve("calls"), kiln)) {
            CallsBench.Plan plan = new CallsBench.Plan(8, Duration.ofSeconds(2), Duration.ofSeconds(options.callsSeconds()), options.callsReloads(),
                    options.callsDirectReloads(), Duration.ofMillis(100));
            try {
                List<CallFigures> figures = new CallsBench(workspace, plan).run();
                table(md, figures);
                memory(md, new UpdateMemory(workspace).run(options.callsReloads(), options.memoryBatches()));
                Optional<String> failed = CallsBench.failedThroughHandles(figures);
                if (failed.isPresent()) {
                    md.append("\n**FAILED**: ").append(failed.get()).append('\n');
                    exit = 1;
                }
            } catch (CallsBench.CallsFailure e) {
                md.append("\n**FAILED**: ").append(e.getMessage()).append('\n');
                exit = 1;
            }
        }
        Files.createDirectories(report.getParent());
        Files.writeString(report, md, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(md);
        System.out.println("Written to " + report + (exit == 0 ? "" : " — FAILED, see above"));
        return exit;
    }

    private static void table(StringBuilder md, List<CallFigures> figures) {
        md.append("| phase (8 threads calling charlie → beta → alpha) | time | calls | calls/s | p50 | p99 | p99.9 | max | calls > 1 / 10 / 100 ms | GCs (time) | failed | alpha updates: median / max durationMillis |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (CallFigures f : figures) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f s | %,d | %,.0f | %s | %s | %s | %s | %d / %d / %d | %d (%d ms) | %d | %s |%n",
                    f.label(), f.seconds(), f.calls(), f.callsPerSecond(), time(f.p50Nanos()), time(f.p99Nanos()),
                    time(f.p999Nanos()), time(f.maxNanos()), f.over1ms(), f.over10ms(), f.over100ms(), f.gcCount(), f.gcMillis(), f.failures(),
                    reloads(f.reloadMillis())));
        }
        md.append("\nThe calls over 1 ms, by when they began: while an update of alpha was under way (from the jar's drop into hot/ to the");
        md.append(" update's change event), or at any other time.\n\n");
        md.append("| phase | time under updates | calls > 1 / 10 / 100 ms under updates | their max | at other times | their max |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (CallFigures f : figures) {
            if (f.updates().isEmpty()) {
                continue;
            }
            CallFigures.Slow during = f.duringUpdates();
            CallFigures.Slow between = f.betweenUpdates();
            md.append(String.format(Locale.ROOT, "| %s | %.1f s | %d / %d / %d | %s | %d / %d / %d | %s |%n", f.label(), f.updateSeconds(),
                    during.count(), during.over10ms(), during.over100ms(), time(during.maxNanos()), between.count(),
                    between.over10ms(), between.over100ms(), time(between.maxNanos())));
        }
        for (CallFigures f : figures) {
            if (!f.failureTexts().isEmpty()) {
                md.append("\nFailed calls in ").append(f.label()).append(" (the first ").append(f.failureTexts().size())
                        .append("):\n");
                f.failureTexts().forEach(text -> md.append("- `").append(text).append("`\n"));
            }
        }
    }

    private static void memory(StringBuilder md, List<UpdateMemory.Reading> readings) {
        md.append("\n| updates of alpha | heap used after a full GC | Metaspace used | classes loaded | class loaders |\n");
        md.append("|---:|---:|---:|---:|---:|\n");
        for (UpdateMemory.Reading r : readings) {
            md.append(String.format(Locale.ROOT, "| %d | %.1f MiB | %.1f MiB | %,d | %d |%n", r.updates(), r.heapUsedKb() / 1024.0,
                    r.metaspaceUsedKb() / 1024.0, r.classes(), r.classLoaders()));
        }
    }

    private static String reloads(List<Double> millis) {
        if (millis.isEmpty()) {
            return "–";
        }
        List<Double> sorted = millis.stream().sorted().toList();
        return String.format(Locale.ROOT, "%.0f / %.0f ms (%d)", sorted.get((sorted.size() - 1) / 2), sorted.get(sorted.size() - 1),
                sorted.size());
    }

    private static String time(long nanos) {
        if (nanos < 10_000) {
            return String.format(Locale.ROOT, "%.2f µs", nanos / 1e3);
        }
        if (nanos < 10_000_000) {
            return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
