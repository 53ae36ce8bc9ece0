package io.kiln.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the whole benchmark: Kiln, then (if given) Karaf, one after the other on the same machine, and writes
 * the side-by-side report. See docs/BENCHMARKS.md; {@code bench/run.sh} is the usual way in.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("kiln-bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (!Files.isExecutable(options.kiln().resolve("bin/kiln"))) {
            System.err.println("kiln-bench: no Kiln distribution at " + options.kiln() + " (build it: mvn -B -q install -DskipTests)");
            System.exit(2);
        }
        long started = System.nanoTime();
        Machine machine = Machine.current();

        // a snapshot: a rebuild of the distribution during the run must not change what is measured
        java.nio.file.Path kilnSnapshot = KilnProduct.snapshot(options.kiln(), options.work().resolve("kiln-distribution"));
        KilnProduct kilnProduct = new KilnProduct(kilnSnapshot, options.kilnJavaOptions());
        if (options.callsOnly()) {
            System.exit(CallsRun.run(options, kilnProduct, machine, command(args)));
        }
        if (options.crashCycles() >= 0) {
            System.exit(CrashBench.run(options, kilnSnapshot, command(args)));
        }
        if (options.scaleOnly()) {
            System.exit(ScaleRun.run(options, kilnProduct, machine, command(args)));
        }
        if (!options.flags().isEmpty()) {
            System.exit(FlagsRun.run(options, kilnProduct, machine, command(args)));
        }
        Results kiln = new ProductBench(kilnProduct, options.work(), plan(options, options.launches(), options.trials())).run();
        if (!options.kilnJavaOptions().isBlank()) {
            kiln.note("KILN_JAVA_OPTS for every launch: " + options.kilnJavaOptions());
        }
        if (options.jvmFloorRuns() > 0 && !options.devOnly()) {
            JvmFloor.run(kilnSnapshot, options.jvmFloorRuns(), kiln);
        }
        Results karaf = null;
        if (options.karaf() != null && !options.devOnly()) {
            KarafProduct karafProduct = new KarafProduct(options.karaf());
            karaf = new ProductBench(karafProduct, options.work(), plan(options, options.karafLaunches(), options.karafTrials())).run();
        }

        String report = Report.markdown(machine, command(args), kiln, karaf,
                options.devOnly() ? "not run with --dev-only (the inner loop is Kiln's alone)" : options.karafMissing());
        Files.createDirectories(options.results().getParent());
        Files.writeString(options.results(), report, StandardCharsets.UTF_8);
        Files.write(options.raw(), Report.csv(karaf == null ? List.of(kiln) : List.of(kiln, karaf)), StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report);
        System.out.printf("Report written to %s, every value to %s (whole run: %d s)%n", options.results(), options.raw(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    private static ProductBench.Plan plan(BenchOptions options, int launches, int trials) {
        return new ProductBench.Plan(launches, trials, Duration.ofSeconds(options.settleSeconds()),
                Duration.ofSeconds(options.idleSeconds()), options.seed(), options.launchOnly(),
                new ProductBench.DevPlan(!options.devSkip() && !options.launchOnly(), options.devOnly(), options.devWarmups(),
                        options.devLaunches()));
    }

    /** The command as the person typed it, when bench/run.sh passes it on; the java command otherwise. */
    private static String command(String[] args) {
        String fromScript = System.getenv("KILN_BENCH_COMMAND");
        if (fromScript != null && !fromScript.isBlank()) {
            return fromScript.trim();
        }
        return ("java -jar bench/target/kiln-bench.jar " + String.join(" ", List.of(args))).trim();
    }
}
