package io.kiln.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inner loop through dev mode itself (Kiln only): {@code bin/kiln dev PROJECT --maven-arg=-o} spawned for a small
 * Maven project (packaging jar; the probe's sources of {@link DevProbeSource}) in a fresh copy, where no Kiln runs, so
 * dev mode starts one as its child and asks Maven (offline) for the class path once. Each round times spawn → dev
 * mode's "live" line and spawn → the first build's record; the first round then saves the component over and over (a few
 * untimed saves first, as the Kiln it started is new), each save timed to the new build's record, through dev mode's own
 * watcher and debounce, with the times dev mode prints for that build. Skipped, with a note, when the
 * distribution has no dev command.
 */
final class DevModeBench {

    static final String DEV_COMMAND_CLASS = "io/kiln/launcher/client/DevCommand.class";
    private static final Pattern MAVEN = Pattern.compile("class path from Maven: \\d+ entr\\w+ in (\\d+) ms");
    private static final Pattern LIVE = Pattern.compile("live [0-9.]+ s after kiln dev started");
    private static final Pattern DEBOUNCE = Pattern.compile("quiet (\\d+) ms before a build");
    private static final Pattern ANY = Pattern.compile(MAVEN.pattern() + "|" + LIVE.pattern() + "|" + DEBOUNCE.pattern());
    /** Dev mode's line for a build: {@code Probe.java → compiled 2 sources in 41 ms, packaged in 12 ms, reloaded in 25 ms: APPLIED 1.0.0}. */
    private static final Pattern BUILT = Pattern.compile("→ compiled \\d+ sources? in (\\d+) ms, packaged in (\\d+) ms, reloaded in (\\d+) ms");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final String ARTIFACT = "kiln-bench-dev";

    private final Workspace workspace;
    private final Product product;
    private final Results results;
    private final Trials series;
    private final int warmups;

    /** @param warmups untimed saves before the timed ones: the first builds of a new Kiln are slower (JIT) */
    DevModeBench(Workspace workspace, Results results, Random random, int warmups) {
        this.warmups = warmups;
        this.workspace = workspace;
        this.product = workspace.product();
        this.results = results;
        this.series = new Trials(workspace, results, random, "the dev mode trials");
    }

    /** @return why dev mode cannot be measured with this distribution, or empty if it can */
    static Optional<String> unavailable(Path distribution) {
        Path launcher = distribution.resolve("lib/kiln-launcher.jar");
        try (JarFile jar = new JarFile(launcher.toFile())) {
            return jar.getEntry(DEV_COMMAND_CLASS) != null ? Optional.empty()
                    : Optional.of("this distribution's bin/kiln has no dev command (no " + DEV_COMMAND_CLASS + " in lib/kiln-launcher.jar)");
        } catch (IOException e) {
            return Optional.of("cannot read " + launcher + ": " + e.getMessage());
        }
    }

    void run(int rounds, int trials) throws IOException, InterruptedException {
        Optional<String> missing = unavailable(product.pristine());
        if (missing.isPresent()) {
            results.note("kiln dev: not measured: " + missing.get());
            return;
        }
        for (int round = 1; round <= rounds; round++) {
            once(round, round == 1 ? trials : 0);
            System.out.printf("  [%s] kiln dev round %d/%d done%n", product.name(), round, rounds);
        }
    }

    private void once(int round, int saves) throws IOException, InterruptedException {
        String label = "dev-mode-" + round;
        Path home = workspace.freshCopy(label);
        Path project = workspace.scratch(label + "-project");
        DevProbeSource source = new DevProbeSource(ARTIFACT + round, workspace.output().folder());
        String firstStamp = "devmode-" + round + "-first";
        source.writeAll(project, firstStamp);
        Files.delete(project.resolve("bnd.bnd")); // a Maven project: its version is the pom's
        Files.writeString(project.resolve("pom.xml"), DevProbeSource.pom(ARTIFACT + round));
        ProcessBuilder command = new ProcessBuilder(home.resolve("bin/kiln").toString(), "dev", project.toString(), "--maven-arg=-o");
        command.environment().putAll(product.command(home).environment()); // JAVA_HOME, KILN_JAVA_OPTS (loopback, any port)
        Instance dev = Instance.launchKeepingLines(command, workspace.log(label));
        try {
            if (!firstLive(dev, label, round == 1)) {
                results.of(Measure.DEV_MODE_FIRST_ACTIVE).fail();
                return;
            }
            OptionalLong active = workspace.output().await(firstStamp + ".active", product.eventTimeout());
            if (active.isEmpty()) {
                results.of(Measure.DEV_MODE_FIRST_ACTIVE).fail();
                results.note(label + ": dev mode said live, but the first build's component never recorded; see " + workspace.log(label));
                return;
            }
            results.of(Measure.DEV_MODE_FIRST_ACTIVE).add(Micros.toMillis(active.getAsLong() - dev.spawnMicros()));
            int warm = saves == 0 ? 0 : warmups;
            for (int i = 1; i <= warm + saves; i++) {
                String stamp = "devmode-" + round + "-save-" + i;
                series.pause();
                Path file = project.resolve(source.componentFile);
                long changed = workspace.drop().put(file.getParent(), file.getFileName().toString(), source.component(stamp));
                OptionalLong seen = workspace.output().await(stamp + ".active", product.eventTimeout());
                Optional<ConsoleLog.Line> printed = dev.console().awaitLine(BUILT, product.eventTimeout());
                if (i <= warm) {
                    results.note("kiln dev: warm-up save " + i + ": " + (seen.isPresent() ? String.format(java.util.Locale.ROOT, "%.0f ms",
                            Micros.toMillis(seen.getAsLong() - changed)) : "not active") + printed.map(l -> "; dev mode printed: "
                            + l.text().substring(l.text().indexOf('→'))).orElse(""));
                    continue;
                }
                series.record(Measure.DEV_MODE_SAVE, seen.isPresent() ? Optional.of(seen.getAsLong()) : Optional.empty(), changed,
                        stamp + ".active");
                Matcher built = printed.isPresent() ? BUILT.matcher(printed.get().text()) : null;
                if (built != null && built.find() && seen.isPresent()) {
                    results.of(Measure.DEV_MODE_SAVE_COMPILE).add(Long.parseLong(built.group(1)));
                    results.of(Measure.DEV_MODE_SAVE_PACKAGE).add(Long.parseLong(built.group(2)));
                    results.of(Measure.DEV_MODE_SAVE_RELOAD).add(Long.parseLong(built.group(3)));
                }
            }
        } finally {
            int exit = dev.stop(Duration.ofSeconds(60));
            if (exit != 0) {
                results.note(label + ": kiln dev exited with " + exit + " after SIGTERM (-1: killed); see " + workspace.log(label));
            }
            workspace.discard(home);
            FileTrees.delete(project);
        }
    }

    /** Reads dev mode's output up to its "live" line: Maven's time and the debounce on the way. @return whether it came */
    private boolean firstLive(Instance dev, String label, boolean noteDebounce) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            Optional<ConsoleLog.Line> line = left.isNegative() ? Optional.empty() : dev.console().awaitLine(ANY, left);
            if (line.isEmpty()) {
                results.of(Measure.DEV_MODE_FIRST_LIVE).fail();
                results.note(label + ": no \"live\" line from kiln dev within " + START_TIMEOUT.toSeconds() + " s; see " + workspace.log(label));
                return false;
            }
            String text = line.get().text();
            Matcher maven = MAVEN.matcher(text);
            Matcher debounce = DEBOUNCE.matcher(text);
            if (maven.find()) {
                results.of(Measure.DEV_MODE_MAVEN).add(Long.parseLong(maven.group(1)));
            } else if (debounce.find()) {
                if (noteDebounce) {
                    results.note("kiln dev: its debounce (quiet time before a build) is " + debounce.group(1) + " ms (--debounce not given)");
                }
            } else {
                results.of(Measure.DEV_MODE_FIRST_LIVE).add(Micros.toMillis(line.get().readMicros() - dev.spawnMicros()));
                return true;
            }
        }
    }
}
