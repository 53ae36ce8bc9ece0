package io.kiln.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Launch with many plugins: a fresh copy whose {@code hot/} holds only {@code n} small DS plugins (the shipped samples
 * taken out, so the count is exact), spawned, and the time until the last of their components recorded its
 * activation; resident memory 3 s later. The same copy is then launched again (framework cache and Kiln's records in
 * place), as after a restart.
 */
final class ScaleLaunch {

    private static final Duration MEMORY_DELAY = Duration.ofSeconds(3);
    private static final String VERSION = "1.0.0";

    private final Workspace workspace;
    private final ScaleFigures figures;

    ScaleLaunch(Workspace workspace, ScaleFigures figures) {
        this.workspace = workspace;
        this.figures = figures;
    }

    void run(int n, int rounds, String goal) throws IOException, InterruptedException {
        for (int round = 1; round <= rounds; round++) {
            Path home = freshCopyWith(workspace, "scale-" + n + "-" + round, n);
            boolean cold = once(home, n, "first start", "launch-" + n + "-cold-" + round, goal);
            if (cold) {
                once(home, n, "restart", "launch-" + n + "-warm-" + round, "");
            }
            workspace.discard(home);
            System.out.printf("  [scale] launch with %d plugins, round %d/%d done (load average %s)%n", n, round, rounds,
                    ProcFs.loadAverage());
        }
    }

    /** A fresh copy whose {@code hot/} holds only {@code n} small DS plugins. */
    static Path freshCopyWith(Workspace workspace, String label, int n) throws IOException {
        Path home = workspace.freshCopy(label);
        Path hot = workspace.product().hotFolder(home);
        try (DirectoryStream<Path> shipped = Files.newDirectoryStream(hot, "*.jar")) {
            for (Path jar : shipped) {
                Files.delete(jar);
            }
        }
        for (int i = 1; i <= n; i++) {
            String name = ScaleJars.small(i);
            workspace.drop().put(hot, ScaleJars.fileOf(name), ProbeJar.component(name, VERSION, workspace.output().folder()));
        }
        return home;
    }

    /** @return the event each small plugin's component records as it is activated */
    static List<String> activeEvents(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> ScaleJars.small(i) + "-" + VERSION + ".active").toList();
    }

    /**
     * Waits for every event; @return the latest instant recorded (epoch microseconds), or empty if one did not come
     * within the timeout.
     */
    static OptionalLong awaitAll(Workspace workspace, List<String> events, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long latest = 0;
        for (String event : events) {
            OptionalLong at = workspace.output().await(event, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (at.isEmpty()) {
                return OptionalLong.empty();
            }
            latest = Math.max(latest, at.getAsLong());
        }
        return OptionalLong.of(latest);
    }

    private boolean once(Path home, int n, String kind, String label, String goal) throws IOException, InterruptedException {
        List<String> events = activeEvents(n);
        for (String event : events) {
            workspace.output().forget(event);
        }
        String series = n + " plugins, " + kind;
        Instance instance = Instance.launch(workspace.product(), home, workspace.log(label));
        try {
            OptionalLong latest = awaitAll(workspace, events, Duration.ofSeconds(180));
            if (latest.isEmpty()) {
                figures.of(series + ": spawn → all active", "ms", goal).fail();
                figures.note(label + ": not all " + n + " components were active within 180 s; see " + workspace.log(label));
                return false;
            }
            figures.of(series + ": spawn → all active", "ms", goal).add(Micros.toMillis(latest.getAsLong() - instance.spawnMicros()));
            instance.console().awaitReady(10_000).ifPresent(line -> figures.of(series + ": spawn → \"Kiln ready\"", "ms", "")
                    .add(Micros.toMillis(line.readMicros() - instance.spawnMicros())));
            long pid = instance.jvmPid();
            LaunchBench.sleepUntil(latest.getAsLong() + MEMORY_DELAY.toNanos() / 1_000);
            figures.of(series + ": VmRSS 3 s after", "MiB", "").add(ProcFs.residentKiB(pid) / 1024.0);
            figures.note(label + ": load average " + ProcFs.loadAverage());
            return true;
        } finally {
            instance.stop(Duration.ofSeconds(60));
        }
    }
}
