package io.kiln.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --scale-only} (issue 12 §2): launch with many plugins ({@link ScaleLaunch}), one update with few and with many
 * installed ({@link UpdateCost}), the root of a 10-deep chain updated ({@link ChainUpdate}), written as Markdown to
 * {@code scale-results.md} beside the report.
 */
final class ScaleRun {

    private ScaleRun() {
    }

    /** @return the process's exit code: non-zero when a series had a trial that failed */
    static int run(BenchOptions options, KilnProduct kiln, Machine machine, String command) throws IOException, InterruptedException {
        Path report = options.results().resolveSibling("scale-results.md");
        ScaleFigures figures = new ScaleFigures();
        try (Workspace workspace = new Workspace(options.work().resolve("scale"), kiln)) {
            for (int n : options.scalePlugins()) {
                new ScaleLaunch(workspace, figures).run(n, options.scaleRounds(), goal(n));
            }
            UpdateCost updates = new UpdateCost(workspace, figures);
            updates.run(5, options.scaleUpdates(), "");
            updates.run(200, options.scaleUpdates(), "within 20% of the median with 5 installed");
            new ChainUpdate(workspace, figures).run(options.scaleUpdates());
        }
        String revision = System.getenv().getOrDefault("KILN_BENCH_REVISION", "not given (KILN_BENCH_REVISION)");
        StringBuilder md = new StringBuilder();
        md.append("Scale (issue 12 §2): `").append(command).append("`, revision ").append(revision).append("\n\n")
                .append(String.format(Locale.ROOT, "%s, %d CPUs (%s), %s, load average at the start %s, at the end %s%n%n",
                        machine.date(), machine.cpus(), machine.cpuModel(), machine.java(), machine.loadAverage(), ProcFs.loadAverage()));
        md.append("| measure | n | median | p95 | min | max | failed | goal |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
        int exit = 0;
        for (Map.Entry<String, ScaleFigures.Series> entry : figures.series().entrySet()) {
            ScaleFigures.Series s = entry.getValue();
            Samples v = s.samples();
            exit |= v.failures() > 0 ? 1 : 0;
            if (v.isEmpty()) {
                md.append(String.format(Locale.ROOT, "| %s | 0 | – | – | – | – | %d | %s |%n", entry.getKey(), v.failures(), s.goal()));
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %d | %.0f %s | %.0f %s | %.0f | %.0f | %d | %s |%n", entry.getKey(), v.count(),
                    v.median(), s.unit(), v.percentile(95), s.unit(), v.min(), v.max(), v.failures(), s.goal()));
        }
        md.append('\n');
        figures.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        Files.createDirectories(report.getParent());
        Files.writeString(report, md, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(md);
        System.out.println("Written to " + report + (exit == 0 ? "" : " — a trial FAILED, see above"));
        return exit;
    }

    private static String goal(int plugins) {
        return plugins == 200 ? "≤ 2 s" : plugins == 1000 ? "≤ 6 s" : "";
    }
}
