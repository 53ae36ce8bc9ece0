package io.kiln.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --flags old,server,...}: the JVM option sets side by side ({@link FlagsBench}), interleaved: every round starts
 * each set once, in the order given (ABAB…), so that the load of a shared machine falls on every set alike. Written as
 * Markdown to {@code flags-results.md} beside the report, every value to {@code flags-raw.csv}; the exit is non-zero
 * when a start failed.
 */
final class FlagsRun {

    private FlagsRun() {
    }

    /** Every set's figures, and the machine's 1-minute load average at the start of each round. */
    private static final class Collected {
        final Map<FlagSet, List<FlagsBench.Figures>> figures = new LinkedHashMap<>();
        final Map<FlagSet, Integer> failures = new LinkedHashMap<>();
        final Map<FlagSet, Integer> rejected = new LinkedHashMap<>();
        final List<String> loads = new ArrayList<>();
        final List<String> csv = new ArrayList<>(List.of("set,round,launch_ms,ready_ms,rss_mib,calls_per_s,rss_after_calls_mib,gcs,gc_ms,platform_floor_ms,minimal_floor_ms,load1"));
    }

    static int run(BenchOptions options, KilnProduct kiln, Machine machine, String command) throws IOException, InterruptedException {
        Path root = options.work().resolve("flags");
        FileTrees.delete(root);
        Files.createDirectories(root);
        List<FlagsBench> benches = new ArrayList<>();
        Collected c = new Collected();
        try {
            for (FlagSet set : options.flags()) {
                FlagsBench bench = new FlagsBench(root, kiln, set, Duration.ofSeconds(options.callsSeconds()));
                benches.add(bench);
                c.figures.put(set, new ArrayList<>());
                c.failures.put(set, 0);
                c.rejected.put(set, 0);
                if (set.cds()) {
                    System.out.printf("  [flags %s] dumping the CDS archive (untimed start)%n", set.name());
                    bench.dumpArchive();
                }
            }
            for (int round = 1; round <= options.launches(); round++) {
                String load = ProcFs.loadAverage();
                c.loads.add(load);
                for (FlagsBench bench : benches) {
                    Optional<FlagsBench.Figures> f = bench.timed(round);
                    record(c, bench, round, f, load.split(" ")[0]);
                }
                System.out.printf("  [flags] round %d/%d done (load %s)%n", round, options.launches(), load);
            }
        } finally {
            for (FlagsBench bench : benches) {
                bench.close();
            }
        }
        String md = FlagsReport.markdown(machine, command, options, c.figures, c.failures, c.rejected, c.loads, ProcFs.loadAverage());
        Path report = options.results().resolveSibling("flags-results.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, md, StandardCharsets.UTF_8);
        Files.write(options.raw().resolveSibling("flags-raw.csv"), c.csv, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(md);
        System.out.println("Written to " + report);
        return c.failures.values().stream().anyMatch(n -> n > 0) || c.rejected.values().stream().anyMatch(n -> n > 0) ? 1 : 0;
    }

    private static void record(Collected c, FlagsBench bench, int round, Optional<FlagsBench.Figures> figures, String load)
            throws IOException {
        FlagSet set = bench.set();
        if (bench.archiveRejected(round)) {
            c.rejected.merge(set, 1, Integer::sum);
        }
        if (figures.isEmpty()) {
            c.failures.merge(set, 1, Integer::sum);
            return;
        }
        FlagsBench.Figures f = figures.get();
        c.figures.get(set).add(f);
        c.csv.add(String.format(Locale.ROOT, "%s,%d,%.1f,%.1f,%.1f,%.0f,%.1f,%d,%d,%.1f,%.1f,%s", set.name(), round, f.launchMillis(),
                f.readyMillis(), f.rssMiB(), f.callsPerSecond(), f.rssAfterCallsMiB(), f.gcCount(), f.gcMillis(), f.floorMillis(), f.minimalFloorMillis(), load));
    }
}
