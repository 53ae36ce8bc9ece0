package io.kiln.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of the harness; every option has a default but {@code --kiln}.
 *
 * @param kiln          the built distribution ({@code launcher/target/kiln}); only copied, never run itself
 * @param karaf         an unpacked Karaf, or {@code null} to measure Kiln alone
 * @param karafMissing  why there is no Karaf, for the report (when {@code karaf} is null)
 * @param work          scratch folder for the copies, probes and logs
 * @param results       the Markdown report to write
 * @param raw           every measured value, as CSV
 * @param flags         the JVM option sets {@code --flags} compares, empty when not asked for
 * @param crashCycles   {@code --crash}: the changes killed at a random moment after the write-step sweep; -1 when
 *                      not asked for
 * @param scaleOnly     only the scale run ({@link ScaleRun})
 * @param scalePlugins  the plugin counts the scale run launches with
 */
record BenchOptions(Path kiln, Path karaf, String karafMissing, Path work, Path results, Path raw, int trials,
                    int karafTrials, int launches, int karafLaunches, int idleSeconds, int settleSeconds,
                    int jvmFloorRuns, long seed, String kilnJavaOptions, boolean launchOnly, boolean devOnly, boolean devSkip,
                    int devWarmups, int devLaunches, boolean callsOnly, int callsSeconds, int callsReloads,
                    int callsDirectReloads, int memoryBatches, List<FlagSet> flags, int crashCycles, boolean scaleOnly,
                    List<Integer> scalePlugins, int scaleRounds, int scaleUpdates) {

    static final String USAGE = """
            Usage: java -jar bench/target/kiln-bench.jar --kiln DIR [options]   (bench/run.sh does it all)
              --kiln DIR             the built Kiln distribution (launcher/target/kiln)
              --karaf DIR            an unpacked Apache Karaf to measure side by side (omit: Kiln only)
              --karaf-missing TEXT   why Karaf is not measured, for the report
              --work DIR             scratch folder (default bench/target/bench-work)
              --results FILE         Markdown report (default bench/target/bench-results.md)
              --raw FILE             every value as CSV (default bench/target/bench-raw.csv)
              --trials N             latency trials per measure for Kiln (default 20)
              --karaf-trials N       ... for Karaf (default 10)
              --launches N           launch rounds (fresh copy + warm relaunch) for Kiln (default 20)
              --karaf-launches N     ... for Karaf (default 3)
              --idle-seconds N       idle-CPU window (default 25)
              --settle-seconds N     quiet time after start before the idle window (default 10)
              --jvm-floor-runs N     runs of 'java -version' with Kiln's flags (default 10; 0 skips)
              --seed N               seed of the random pauses between trials (default 1)
              --kiln-java-opts TEXT  KILN_JAVA_OPTS for every Kiln launch (to compare JVM flags)
              --launch-only          only the launch rounds: no idle-CPU window, no latency trials
              --dev-only             only the inner loop (sources built inside Kiln, kiln dev), Kiln only
              --dev-skip             everything but the inner loop
              --dev-warmups N        untimed source folders built before the inner-loop trials (default 5)
              --dev-launches N       kiln dev starts, each on a fresh copy (default 20; the saves run in the first)
              --calls-only           only calls through reloads and memory after updates (issue 10), Kiln only
              --calls-seconds N      the calls' quiet phase (default 20)
              --calls-reloads N      alpha's updates under calls, and per memory reading (default 100)
              --calls-direct-reloads N  ... in the comparison with kiln.call.direct=true (default 20)
              --memory-batches N     memory readings after each --calls-reloads updates (default 2)
              --flags SETS           only JVM option sets side by side, e.g. old,server,server+cds (%s): per round
                                     each set once (--launches rounds), launch → plugin active, then steady calls
                                     for --calls-seconds; Kiln only
              --crash                only crash safety (issue 12): a plugin with state and a .cfg section updated,
                                     the JVM halted after each durable write step in turn (test-only hook), then
                                     --crash-cycles changes killed with SIGKILL at random moments (--seed); Kiln only
              --crash-cycles N       the random kills of --crash (default 50)
              --scale-only           only the scale run (issue 12): launch with many DS plugins, one update with 5 and
                                     with 200 installed, a 10-deep chain's root updated; Kiln only
              --scale-plugins LIST   the plugin counts to launch with (default 200,1000; none: no launches)
              --scale-rounds N       launches per count, each a fresh copy then a restart of it (default 3)
              --scale-updates N      updates per series (default 30)""".formatted(FlagSet.NAMES);

    static BenchOptions parse(List<String> args) {
        Path kiln = null;
        Path karaf = null;
        String karafMissing = "not asked for (no --karaf)";
        Path work = Path.of("bench/target/bench-work");
        Path results = Path.of("bench/target/bench-results.md");
        Path raw = Path.of("bench/target/bench-raw.csv");
        int trials = 20, karafTrials = 10, launches = 20, karafLaunches = 3, idle = 25, settle = 10, floor = 10;
        long seed = 1;
        String javaOptions = "";
        boolean launchOnly = false, devOnly = false, devSkip = false, callsOnly = false;
        int devWarmups = 5, devLaunches = 20, callsSeconds = 20, callsReloads = 100, callsDirectReloads = 20, memoryBatches = 2;
        List<FlagSet> flags = List.of();
        boolean crash = false;
        int crashCycles = 50;
        boolean crashCyclesGiven = false;
        boolean scaleOnly = false;
        List<Integer> scalePlugins = List.of(200, 1000);
        int scaleRounds = 3, scaleUpdates = 30;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--launch-only") || option.equals("--dev-only") || option.equals("--dev-skip")
                    || option.equals("--calls-only") || option.equals("--crash") || option.equals("--scale-only")) {
                crash |= option.equals("--crash");
                scaleOnly |= option.equals("--scale-only");
                callsOnly |= option.equals("--calls-only");
                launchOnly |= option.equals("--launch-only");
                devOnly |= option.equals("--dev-only");
                devSkip |= option.equals("--dev-skip");
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value" : "unknown argument " + option);
            }
            String value = args.get(++i);
            switch (option) {
                case "--kiln" -> kiln = Path.of(value);
                case "--karaf" -> karaf = Path.of(value);
                case "--karaf-missing" -> karafMissing = value;
                case "--work" -> work = Path.of(value);
                case "--results" -> results = Path.of(value);
                case "--raw" -> raw = Path.of(value);
                case "--trials" -> trials = positive(option, value);
                case "--karaf-trials" -> karafTrials = positive(option, value);
                case "--launches" -> launches = positive(option, value);
                case "--karaf-launches" -> karafLaunches = positive(option, value);
                case "--idle-seconds" -> idle = positive(option, value);
                case "--settle-seconds" -> settle = Integer.parseInt(value);
                case "--jvm-floor-runs" -> floor = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--kiln-java-opts" -> javaOptions = value;
                case "--dev-warmups" -> devWarmups = Integer.parseInt(value);
                case "--dev-launches" -> devLaunches = Integer.parseInt(value);
                case "--calls-seconds" -> callsSeconds = positive(option, value);
                case "--calls-reloads" -> callsReloads = positive(option, value);
                case "--calls-direct-reloads" -> callsDirectReloads = positive(option, value);
                case "--memory-batches" -> memoryBatches = positive(option, value);
                case "--flags" -> flags = FlagSet.parse(value);
                case "--crash-cycles" -> {
                    crashCycles = positive(option, value);
                    crashCyclesGiven = true;
                }
                case "--scale-plugins" -> scalePlugins = value.equals("none") ? List.of()
                        : java.util.Arrays.stream(value.split(",")).map(v -> positive(option, v.trim())).toList();
                case "--scale-rounds" -> scaleRounds = positive(option, value);
                case "--scale-updates" -> scaleUpdates = positive(option, value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (kiln == null) {
            throw new IllegalArgumentException("--kiln is required");
        }
        if (devOnly && (devSkip || launchOnly)) {
            throw new IllegalArgumentException("--dev-only goes with neither --dev-skip nor --launch-only");
        }
        if (crashCyclesGiven && !crash) {
            throw new IllegalArgumentException("--crash-cycles goes with --crash");
        }
        if (crash && (devOnly || callsOnly || !flags.isEmpty())) {
            throw new IllegalArgumentException("--crash is a run of its own: it goes with none of --dev-only, --calls-only, --flags");
        }
        if (!flags.isEmpty() && (devOnly || callsOnly)) {
            throw new IllegalArgumentException("--flags is a run of its own: it goes with neither --dev-only nor --calls-only");
        }
        return new BenchOptions(kiln.toAbsolutePath(), karaf == null ? null : karaf.toAbsolutePath(), karafMissing,
                work.toAbsolutePath(), results.toAbsolutePath(), raw.toAbsolutePath(), trials, karafTrials, launches,
                karafLaunches, idle, settle, floor, seed, javaOptions, launchOnly, devOnly, devSkip, devWarmups, devLaunches,
                callsOnly, callsSeconds, callsReloads, callsDirectReloads, memoryBatches, flags, crash ? crashCycles : -1, scaleOnly,
                scalePlugins, scaleRounds, scaleUpdates);
    }

    private static int positive(String option, String value) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return n;
    }
}
