package io.kiln.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One start of a copy of Kiln with one {@link FlagSet}, for {@code --flags}: launch → plugin active (a launch probe
 * already in {@code hot/}, as in {@link LaunchBench}), resident memory 3 s later, then steady-state calls through the
 * sample chain (charlie → beta → alpha, every hop through a handle) from {@link #CALLERS} threads, after an untimed
 * warm-up, and resident memory after them. The copy is fresh each time (empty framework cache) but always at the same
 * path, which a CDS archive needs: it records the class path's jars by path, size and modification time. Each round
 * also starts the set's {@link PlatformFloor}: the same JVM options, Felix and the platform's third-party bundles, no
 * Kiln (with an archive of its own for a {@code +cds} set).
 */
final class FlagsBench implements AutoCloseable {

    /** One caller a core here: the eight of {@link CallsBench} would measure the cores' sharing more than the code. */
    static final int CALLERS = 2;
    /**
     * Untimed: the call path is compiled (C1, and C2 where tiered compilation goes that far) well within it. A caller
     * probe of its own, removed before the timed one comes: the probe warms up inside its activation, which Kiln
     * bounds (5 s), so the timed probe's own warm-up stays short ({@link #PROBE_WARM_UP}).
     */
    static final Duration WARM_UP = Duration.ofSeconds(5);
    /** The timed probe's own warm-up: its classes are new (a new bundle), its callers' loop compiled again. */
    static final Duration PROBE_WARM_UP = Duration.ofSeconds(1);
    private static final Duration MEMORY_DELAY = Duration.ofSeconds(3);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What one start gave: times from the spawn, in ms; memory in MiB; the collections during the timed calls. */
    record Figures(double launchMillis, double readyMillis, double rssMiB, double callsPerSecond, double rssAfterCallsMiB,
                   long gcCount, long gcMillis, double floorMillis, double minimalFloorMillis) {
    }

    private final Workspace workspace;
    private final KilnProduct product;
    private final FlagSet set;
    private final Path archive;
    private final Duration calls;
    private final PlatformFloor floor;
    private final PlatformFloor minimalFloor;

    FlagsBench(Path root, KilnProduct kiln, FlagSet set, Duration calls) throws IOException {
        this.product = kiln.with(set.kilnJvm(), set.javaOptions());
        this.workspace = new Workspace(root.resolve(set.folder()), product);
        this.set = set;
        this.archive = root.resolve(set.folder() + ".jsa");
        this.calls = calls;
        List<String> options = new ArrayList<>(JvmFloor.flags(kiln.pristine(), set.kilnJvm()));
        if (!set.javaOptions().isBlank()) {
            options.addAll(List.of(set.javaOptions().strip().split("\\s+")));
        }
        this.floor = new PlatformFloor(kiln.pristine(), PlatformFloor.Scope.ALL, options, root.resolve(set.folder() + "-floor"));
        this.minimalFloor = new PlatformFloor(kiln.pristine(), PlatformFloor.Scope.MINIMAL, options,
                root.resolve(set.folder() + "-minimal-floor"));
    }

    FlagSet set() {
        return set;
    }

    /**
     * The untimed first start of a {@code +cds} set: the same start and calls, the JVM writing the archive of every
     * class it loaded as it exits (SIGTERM: Kiln stops the framework, then halts the JVM, which dumps first).
     */
    void dumpArchive() throws IOException, InterruptedException {
        Files.deleteIfExists(archive);
        once("dump", "-XX:ArchiveClassesAtExit=" + archive, 0);
        if (!Files.isRegularFile(archive)) {
            throw new IOException("the JVM wrote no CDS archive " + archive + "; see " + workspace.log("dump"));
        }
        floor.dumpArchive(TIMEOUT.toSeconds());
        minimalFloor.dumpArchive(TIMEOUT.toSeconds());
    }

    /** @return spawn → the floor's third-party bundles started, no Kiln, in ms; NaN if they did not start */
    private double floorOnce(PlatformFloor of, int round) throws IOException, InterruptedException {
        String label = "round-" + round;
        OptionalDouble started = of.once(label, set.cds(), TIMEOUT.toSeconds());
        if (started.isEmpty()) {
            System.out.printf("  [flags %s] %s: the platform floor did not start; see %s%n", set.name(), label, of.log(label));
        }
        return started.orElse(Double.NaN);
    }

    /** @return the figures of one timed start, or empty if the plugin was not active or the calls did not run */
    Optional<Figures> timed(int round) throws IOException, InterruptedException {
        return once("round-" + round, set.cds() ? "-XX:SharedArchiveFile=" + archive : "", round);
    }

    private Optional<Figures> once(String label, String moreOptions, int round) throws IOException, InterruptedException {
        Path home = workspace.freshCopy("kiln");
        String event = LaunchBench.putLaunchProbe(workspace, home, "1.0." + round);
        workspace.output().forget(event);
        Instance instance = Instance.launch(product.with(set.kilnJvm(), moreOptions), home, workspace.log(label));
        try {
            OptionalLong active = workspace.output().await(event, TIMEOUT);
            if (active.isEmpty()) {
                System.out.printf("  [flags %s] %s: the plugin was not active within %d s; see %s%n", set.name(), label,
                        TIMEOUT.toSeconds(), workspace.log(label));
                return Optional.empty();
            }
            double launch = Micros.toMillis(active.getAsLong() - instance.spawnMicros());
            double ready = instance.console().awaitReady(10_000).map(r -> Micros.toMillis(r.readMicros() - instance.spawnMicros()))
                    .orElse(Double.NaN);
            long pid = instance.jvmPid();
            LaunchBench.sleepUntil(active.getAsLong() + MEMORY_DELAY.toNanos() / 1_000);
            double rss = ProcFs.residentKiB(pid) / 1024.0;
            String phase = "flags-" + set.folder() + "-" + label;
            if (calls(home, phase + "-warm", WARM_UP).isEmpty()) {
                return Optional.empty();
            }
            Optional<CallFigures> figures = calls(home, phase, calls);
            if (figures.isEmpty()) {
                return Optional.empty();
            }
            double rssAfter = ProcFs.residentKiB(pid) / 1024.0;
            CallFigures f = figures.get();
            instance.stop(TIMEOUT); // before the floors, which must not share the cores with it
            double floorMillis = round > 0 ? floorOnce(floor, round) : Double.NaN;
            double minimalMillis = round > 0 ? floorOnce(minimalFloor, round) : Double.NaN;
            return Optional.of(new Figures(launch, ready, rss, f.callsPerSecond(), rssAfter, f.gcCount(), f.gcMillis(),
                    floorMillis, minimalMillis));
        } finally {
            instance.stop(TIMEOUT);
            workspace.discard(home);
        }
    }

    /** A caller probe in {@code hot/} for {@code length} after its own warm-up, then taken out: its record is the figures. */
    private Optional<CallFigures> calls(Path home, String phase, Duration length) throws IOException, InterruptedException {
        ProbeOutput out = workspace.output();
        String running = "calls-" + phase + ".running";
        String record = "calls-" + phase + ".properties";
        out.forget(running);
        out.forget(record);
        out.forget("calls-" + phase + ".slow");
        String jar = "kiln-bench-" + phase + ".jar";
        workspace.drop().put(home.resolve("hot"), jar, ChainJars.caller(phase, CALLERS, PROBE_WARM_UP.toMillis(), out.folder()));
        if (out.await(running, TIMEOUT).isEmpty()) {
            System.out.printf("  [flags %s] %s: the callers did not get under way within %d s%n", set.name(), phase, TIMEOUT.toSeconds());
            return Optional.empty();
        }
        Thread.sleep(length.toMillis());
        Files.delete(home.resolve("hot").resolve(jar));
        Optional<String> text = out.awaitText(record, TIMEOUT);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String slow = Files.readString(out.folder().resolve("calls-" + phase + ".slow"), StandardCharsets.US_ASCII);
        return Optional.of(CallFigures.parse(phase, text.get(), slow, List.of()));
    }

    /** @return whether the JVM of round {@code round} said, in its output, that it could not use the archive */
    boolean archiveRejected(int round) throws IOException {
        Path log = workspace.log("round-" + round);
        return set.cds() && Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains("Unable to use shared archive");
    }

    @Override
    public void close() throws IOException {
        workspace.close();
    }
}
