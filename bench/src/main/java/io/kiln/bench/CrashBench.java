package io.kiln.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The {@code --crash} run of the harness: {@link CrashRun} on the distribution's snapshot, its report written. */
final class CrashBench {

    /** A plugin change (drop to committed) took 100–450 ms here, the machine shared: kills fall before, within and after it. */
    static final int PLUGIN_MILLIS = 600;
    /** A section change (request to applied) is answered within tens of milliseconds: most kills fall after it. */
    static final int SECTION_MILLIS = 100;

    private CrashBench() {
    }

    /** @return the exit code: 0 when every cycle came back as promised */
    static int run(BenchOptions options, Path distribution, String command) throws IOException, InterruptedException {
        long started = System.nanoTime();
        CrashRun.Plan plan = new CrashRun.Plan(options.crashCycles(), true, options.seed(), PLUGIN_MILLIS, SECTION_MILLIS);
        List<CrashCycles.Cycle> cycles = CrashRun.run(distribution, options.work().resolve("crash"), plan, System.out);
        String revision = System.getenv().getOrDefault("KILN_BENCH_REVISION", "unknown");
        String report = CrashRun.markdown(cycles, plan, command) + "\nWhole run: "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s; build " + revision + "\n";
        Files.createDirectories(options.results().getParent());
        Files.writeString(options.results(), report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report);
        System.out.println("Report written to " + options.results());
        return cycles.stream().allMatch(CrashCycles.Cycle::passed) ? 0 : 1;
    }
}
