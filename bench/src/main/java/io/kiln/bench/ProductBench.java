package io.kiln.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

/**
 * All measures of one product, in order: the launch rounds, then one more instance that is left to settle,
 * watched for idle CPU, and then given the hot-deploy and configuration trials.
 */
final class ProductBench {

    /** How many of each, and how long to wait. */
    record Plan(int launches, int trials, Duration settle, Duration idleWindow, long seed, boolean launchOnly, DevPlan dev) {
    }

    /**
     * The inner loop (Kiln only): whether to run it, whether to run nothing else, how many untimed builds first, and
     * how many {@code kiln dev} starts.
     */
    record DevPlan(boolean run, boolean only, int warmups, int launches) {
    }

    private final Product product;
    private final Path workRoot;
    private final Plan plan;

    ProductBench(Product product, Path workRoot, Plan plan) {
        this.product = product;
        this.workRoot = workRoot;
        this.plan = plan;
    }

    Results run() {
        Results results = new Results(product.name());
        String slug = product.name().toLowerCase().replaceAll("[^a-z0-9]+", "-");
        boolean kiln = product instanceof KilnProduct;
        if (plan.dev().only()) {
            System.out.printf("%s: the inner loop only, %d trials of each%n", product.name(), plan.trials());
        } else {
            System.out.printf("%s: %d launch rounds (cold + warm), then %d trials of each latency%n",
                    product.name(), plan.launches(), plan.trials());
        }
        long startNanos = System.nanoTime();
        long[] machineStart = machineTicks();
        try (Workspace workspace = new Workspace(workRoot.resolve(slug), product)) {
            if (!plan.dev().only()) {
                new LaunchBench(workspace, results).run(plan.launches());
            }
            if (!plan.launchOnly() && !plan.dev().only()) {
                steadyState(workspace, results);
                if (kiln) {
                    kilnOnly(() -> new ReloadAllBench(workspace, results).run(Math.min(10, plan.trials())), results);
                }
            }
            if (kiln && plan.dev().run()) {
                innerLoop(workspace, results);
            }
        } catch (IOException | RuntimeException e) {
            results.note("stopped early: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            results.note("interrupted");
        }
        long[] machineEnd = machineTicks();
        // the measured runtime is part of this; a figure far above its own share means a busy neighbour
        results.note(String.format("this product's part of the run took %d s; the whole machine was %.1f %% busy meanwhile "
                        + "(all CPUs, the measured runtime included)", (System.nanoTime() - startNanos) / 1_000_000_000L,
                100.0 * (machineEnd[0] - machineStart[0]) / Math.max(1, machineEnd[1] - machineStart[1])));
        return results;
    }

    private interface Part {
        void run() throws IOException, InterruptedException;
    }

    /** A Kiln-only part: if it fails, the report says so and the rest of the run goes on. */
    private static void kilnOnly(Part part, Results results) throws InterruptedException {
        try {
            part.run();
        } catch (IOException | RuntimeException e) {
            results.note("Kiln-only measures stopped early: " + e.getMessage());
        }
    }

    /** Plugins built from sources inside Kiln, on fresh copies of their own: source folders, then dev mode. */
    private void innerLoop(Workspace workspace, Results results) throws InterruptedException {
        Random random = new Random(plan.seed() + 1);
        long startNanos = System.nanoTime();
        long[] machineStart = machineTicks();
        String loadBefore = ProcFs.loadAverage();
        kilnOnly(() -> new DevLoopBench(workspace, results, random, plan.dev().warmups()).run(plan.trials()), results);
        kilnOnly(() -> new DevModeBench(workspace, results, random, plan.dev().warmups()).run(plan.dev().launches(), plan.trials()), results);
        long[] machineEnd = machineTicks();
        results.note(String.format("the inner loop took %d s; the whole machine was %.1f %% busy meanwhile (all CPUs, the measured "
                        + "runtime and dev mode's Maven included); load average (1, 5, 15 min) %s at its start, %s at its end",
                (System.nanoTime() - startNanos) / 1_000_000_000L,
                100.0 * (machineEnd[0] - machineStart[0]) / Math.max(1, machineEnd[1] - machineStart[1]), loadBefore, ProcFs.loadAverage()));
    }

    private static long[] machineTicks() {
        try {
            return ProcFs.machineTicks();
        } catch (IOException e) {
            return new long[] {0, 0};
        }
    }

    private void steadyState(Workspace workspace, Results results) throws IOException, InterruptedException {
        Path home = workspace.freshCopy("steady");
        String event = LaunchBench.putLaunchProbe(workspace, home, "2.0.0");
        Instance instance = Instance.launch(product, home, workspace.log("steady"));
        try {
            OptionalLong active = workspace.output().await(event, product.eventTimeout().multipliedBy(4));
            if (active.isEmpty()) {
                throw new IOException("the steady-state instance did not start; see " + workspace.log("steady"));
            }
            long pid = instance.jvmPid();
            System.out.printf("  [%s] settling %d s, then idle CPU over %d s%n", product.name(),
                    plan.settle().toSeconds(), plan.idleWindow().toSeconds());
            Thread.sleep(plan.settle().toMillis());
            IdleBench.run(pid, plan.idleWindow(), results);
            List<Listeners.Listener> listeners = LoopbackCheck.verify(pid, product.name());
            results.note("listens on (after settling): " + (listeners.isEmpty() ? "nothing" : listeners + ", loopback only"));
            System.out.printf("  [%s] latency trials%n", product.name());
            Random random = new Random(plan.seed());
            new LatencyBench(workspace, home, results, random).run(plan.trials());
            if (product instanceof KilnProduct) {
                kilnOnly(() -> new KilnChangeBench(workspace, home, results, random).run(plan.trials()), results);
            }
            results.of(Measure.RSS_AFTER_TRIALS).add(ProcFs.residentKiB(pid) / 1024.0);
        } finally {
            instance.stop(Duration.ofSeconds(60));
            workspace.discard(home);
        }
    }
}
