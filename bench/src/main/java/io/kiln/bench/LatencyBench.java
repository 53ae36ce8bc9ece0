package io.kiln.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Hot-deploy and configuration latency on a running instance: each trial makes one change by atomic rename
 * and measures until the probe recorded the effect. Before each trial a random pause lets the previous
 * change settle and lands the change at a random point of the product's poll cycle.
 */
final class LatencyBench {

    static final String CONFIG_PID = "kiln.bench.config";
    private static final String CONFIG_BUNDLE = "kiln.bench.config";
    private static final String UPDATE_BUNDLE = "kiln.bench.update";

    private final Workspace workspace;
    private final Product product;
    private final Path home;
    private final Results results;
    private final Trials series;

    LatencyBench(Workspace workspace, Path home, Results results, Random random) {
        this.workspace = workspace;
        this.product = workspace.product();
        this.home = home;
        this.results = results;
        this.series = new Trials(workspace, results, random, "the latency trials");
    }

    void run(int trials) throws IOException, InterruptedException {
        newJars(trials);
        replacedJar(trials);
        configuration(trials);
    }

    private void newJars(int trials) throws IOException, InterruptedException {
        Path hot = product.hotFolder(home);
        for (int i = 1; i <= trials; i++) {
            String name = "kiln.bench.new" + i;
            byte[] jar = ProbeJar.activator(name, "1.0.0", workspace.output().folder());
            String file = "kiln-bench-new-" + i + ".jar";
            trial(Measure.NEW_JAR, name + "-1.0.0.start", () -> workspace.drop().put(hot, file, jar));
            // uninstall it again, so that every trial starts from the same set of bundles
            Files.deleteIfExists(hot.resolve(file));
            series.awaitSetup(name + "-1.0.0.stop");
        }
    }

    private void replacedJar(int trials) throws IOException, InterruptedException {
        Path hot = product.hotFolder(home);
        String file = "kiln-bench-update.jar";
        workspace.drop().put(hot, file, ProbeJar.activator(UPDATE_BUNDLE, "1.0.0", workspace.output().folder()));
        series.awaitSetup(UPDATE_BUNDLE + "-1.0.0.start");
        for (int i = 1; i <= trials; i++) {
            String version = "1.0." + i;
            byte[] jar = ProbeJar.activator(UPDATE_BUNDLE, version, workspace.output().folder());
            trial(Measure.REPLACED_JAR, UPDATE_BUNDLE + "-" + version + ".start", () -> workspace.drop().put(hot, file, jar));
        }
    }

    private void configuration(int trials) throws IOException, InterruptedException {
        Path hot = product.hotFolder(home);
        Path conf = product.configFolder(home);
        String file = CONFIG_PID + ".cfg";
        byte[] probe = ProbeJar.configProbe(CONFIG_BUNDLE, "1.0.0", workspace.output().folder(), CONFIG_PID);
        workspace.drop().put(hot, "kiln-bench-config.jar", probe);
        series.awaitSetup(CONFIG_BUNDLE + "-1.0.0.start");
        // the first file creates the configuration; the trials measure rewrites of an existing one
        workspace.drop().put(conf, file, section(0));
        series.awaitSetup("config-0.seen");
        for (int i = 1; i <= trials; i++) {
            String content = section(i);
            trial(Measure.CONFIG, "config-" + i + ".seen", () -> workspace.drop().put(conf, file, content));
        }
    }

    private static String section(int stamp) {
        return "# Kiln benchmark: the configuration probe's section\nstamp = " + stamp + "\n";
    }

    /** A change made by the harness; @return the epoch-microsecond instant it was complete */
    private interface Change {
        long make() throws IOException;
    }

    private void trial(Measure measure, String event, Change change) throws IOException, InterruptedException {
        series.pause();
        long changed = change.make();
        OptionalLong seen = workspace.output().await(event, product.eventTimeout());
        series.record(measure, seen.isPresent() ? Optional.of(seen.getAsLong()) : Optional.empty(), changed, event);
    }
}
