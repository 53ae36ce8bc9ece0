package io.kiln.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Launch time and memory: a plugin jar already in the hot folder, the process spawned, and the time until
 * the plugin's activator ran. Each round launches a fresh copy (empty framework cache), stops it, and
 * relaunches the same copy (warm cache). Resident memory is read 3 s after the plugin became active.
 */
final class LaunchBench {

    static final String SYMBOLIC_NAME = "kiln.bench.launch";
    static final String JAR = "kiln-bench-launch.jar";
    private static final Duration MEMORY_DELAY = Duration.ofSeconds(3);

    private final Workspace workspace;
    private final Product product;
    private final Results results;
    private final Map<Integer, Integer> exitCodes = new TreeMap<>();

    LaunchBench(Workspace workspace, Results results) {
        this.workspace = workspace;
        this.product = workspace.product();
        this.results = results;
    }

    void run(int rounds) throws IOException, InterruptedException {
        for (int round = 1; round <= rounds; round++) {
            Path home = workspace.freshCopy("launch-" + round);
            String event = putLaunchProbe(workspace, home, "1.0." + round);
            if (once(home, event, "cold-" + round, Measure.LAUNCH_COLD, Measure.RSS_COLD)) {
                once(home, event, "warm-" + round, Measure.LAUNCH_WARM, Measure.RSS_WARM);
                workspace.discard(home);
            } else {
                results.of(Measure.LAUNCH_WARM).fail();
                results.note("warm-" + round + ": not run, since the first start of the same copy failed; the copy is kept in "
                        + home);
            }
            System.out.printf("  [%s] launch round %d/%d done%n", product.name(), round, rounds);
        }
        results.note("launch: exit codes after SIGTERM (code=count): " + exitCodes);
    }

    /** Puts the launch probe in the hot folder; @return the event its activator records */
    static String putLaunchProbe(Workspace workspace, Path home, String version) throws IOException {
        byte[] jar = ProbeJar.activator(SYMBOLIC_NAME, version, workspace.output().folder());
        workspace.drop().put(workspace.product().hotFolder(home), JAR, jar);
        return SYMBOLIC_NAME + "-" + version + ".start";
    }

    /** @return whether the plugin became active */
    private boolean once(Path home, String event, String label, Measure launch, Measure memory)
            throws IOException, InterruptedException {
        workspace.output().forget(event);
        Instance instance = Instance.launch(product, home, workspace.log(label));
        try {
            OptionalLong active = workspace.output().await(event, launchTimeout());
            if (active.isEmpty()) {
                results.of(launch).fail();
                results.note(label + ": the plugin was not active within " + launchTimeout().toSeconds()
                        + " s; see " + workspace.log(label));
                return false;
            }
            results.of(launch).add(Micros.toMillis(active.getAsLong() - instance.spawnMicros()));
            long pid = instance.jvmPid();
            LoopbackCheck.verify(pid, product.name());
            sleepUntil(active.getAsLong() + MEMORY_DELAY.toNanos() / 1_000);
            results.of(memory).add(ProcFs.residentKiB(pid) / 1024.0);
            LoopbackCheck.verify(pid, product.name());
            startBreakdown(instance, launch == Measure.LAUNCH_COLD ? Measure.READY_COLD : Measure.READY_WARM);
            return true;
        } finally {
            int exit = instance.stop(Duration.ofSeconds(60));
            exitCodes.merge(exit, 1, Integer::sum);
        }
    }

    /**
     * Where the product prints a ready line (Kiln's "ready in N ms", N counted from JVM start): the time to it
     * from spawn, and from that the time the JVM took to come up.
     */
    private void startBreakdown(Instance instance, Measure ready) throws InterruptedException {
        if (product.readyLine().isEmpty()) {
            return;
        }
        instance.console().awaitReady(10_000).ifPresent(line -> {
            double spawnToReady = Micros.toMillis(line.readMicros() - instance.spawnMicros());
            results.of(ready).add(spawnToReady);
            if (line.reportedMillis() >= 0) {
                results.of(Measure.SPAWN_TO_JVM).add(spawnToReady - line.reportedMillis());
            }
        });
    }

    private Duration launchTimeout() {
        return product.eventTimeout().multipliedBy(2);
    }

    static void sleepUntil(long epochMicros) throws InterruptedException {
        long waitMillis = (epochMicros - Micros.now()) / 1_000;
        if (waitMillis > 0) {
            Thread.sleep(waitMillis);
        }
    }
}
