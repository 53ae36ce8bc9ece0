package io.kiln.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Crash safety on the real distribution (issue 12 §1), the smaller count of {@code bench/run.sh --crash}: a plugin
 * with state and a {@code .cfg} section, each change stopped after each durable write step in turn and at random
 * moments (seeded, the seed printed), and a damaged framework cache; after each restart every plugin is there once,
 * ACTIVE, in its old or its new version with its old or new state, the section whole, the history clean, and the
 * status says what was recovered.
 */
public class CrashCyclesIT {

    private static final Path DISTRIBUTION = Path.of(System.getProperty("kiln.distribution", "../launcher/target/kiln"));
    /** The seed of the random kills: {@code -Dkiln.test.crashSeed=N} replays another run. */
    private static final long SEED = Long.getLong("kiln.test.crashSeed", 20261201L);

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aChangeStoppedAfterAnyWriteStepOrAtRandomComesBackOldOrNewWithNothingLost() throws Exception {
        CrashRun.Plan plan = new CrashRun.Plan(3, true, SEED, CrashBench.PLUGIN_MILLIS, CrashBench.SECTION_MILLIS);
        List<CrashCycles.Cycle> cycles = CrashRun.run(DISTRIBUTION, temp.getRoot().toPath().resolve("crash"), plan, System.out);
        String report = CrashRun.markdown(cycles, plan, "CrashCyclesIT, seed " + SEED);
        System.out.println(report);

        assertEquals(report, List.of(), cycles.stream().filter(c -> !c.passed()).toList());
        for (CrashCycles.Kind kind : CrashCycles.Kind.values()) {
            List<CrashCycles.Cycle> sweep = cycles.stream().filter(c -> c.kind() == kind && c.kill().step() > 0).toList();
            // halted after steps 1..n, then a run that completed before step n + 1
            assertTrue(report, sweep.size() >= 4 && sweep.subList(0, sweep.size() - 1).stream().allMatch(CrashCycles.Cycle::halted));
            assertTrue(report, !sweep.get(sweep.size() - 1).halted());
            assertTrue(report, sweep.stream().anyMatch(c -> c.cameBack().equals("old")) && sweep.stream().anyMatch(c -> c.cameBack().equals("new")));
        }
        // halted between the framework's update and Kiln's commit: the committed build is put back, and said so; for a
        // new build of the same version too, which the framework's cache tells from the committed one only by its time
        assertTrue(report, recoveries(cycles, CrashCycles.Kind.PLUGIN)
                .anyMatch(r -> r.startsWith(CrashCycles.PROBE + ": the framework cache held 1.0.") && r.contains("put back")));
        assertTrue(report, recoveries(cycles, CrashCycles.Kind.BUILD)
                .anyMatch(r -> r.startsWith(CrashCycles.PROBE + ": the framework cache held another build of ") && r.contains("put back")));
    }

    private static Stream<String> recoveries(List<CrashCycles.Cycle> cycles, CrashCycles.Kind kind) {
        return cycles.stream().filter(c -> c.kind() == kind).flatMap(c -> c.check().recovered().stream());
    }

    @Test
    public void aTruncatedBundleInfoAndAMissingRevisionFolderComeBackFromKilnsStore() throws Exception {
        CrashCycles crashes = CrashCycles.setUp(DISTRIBUTION, temp.getRoot().toPath().resolve("cache"), cycle -> { });
        // one update that completes (the kill comes long after), so that the probe has saved state and a kept build
        crashes.run(CrashCycles.Kind.PLUGIN, CrashCycles.Kill.after(3000));
        CrashCycles.Cycle update = crashes.finish().get(0);
        assertTrue(update.check().problems().toString(), update.passed());
        Path home = crashes.home();
        Path probe = cachedBundle(home, CrashCycles.PROBE);
        Path greeting = cachedBundle(home, "kiln-sample-greeting");
        Files.write(probe.resolve("bundle.info"), new byte[] { '1', '\n' }); // truncated
        try (Stream<Path> revisions = Files.list(greeting)) {
            for (Path revision : revisions.filter(p -> p.getFileName().toString().startsWith("version")).toList()) {
                FileTrees.delete(revision);
            }
        }

        try (CrashKiln kiln = CrashKiln.start(home, "", temp.getRoot().toPath().resolve("restart.log"))) {
            CrashApi api = new CrashApi(CrashCycles.awaitStart(kiln, home));
            CrashCycles.await(kiln, 0, CrashCycles.PROBE + " 1.0.1 active, state: 1.0.0", "the probe back with its state");
            CrashCycles.await(kiln, 0, "section sample.greeting applied", "the greeting back with its section");
            List<CrashApi.Plugin> plugins = CrashCheck.awaitAllActive(api);
            String output = String.join("\n", kiln.lines());
            assertEquals(output, 2, kiln.lines().stream().filter(l -> l.contains("Error reloading cached bundle, removing it")).count());
            // Felix's own words, one line each with the cause's class and message: no stack trace on the console
            assertTrue(output, kiln.lines().stream().filter(l -> l.contains("Error reloading cached bundle, removing it"))
                    .allMatch(l -> l.startsWith("felix: ERROR: ") && l.contains(" (")));
            assertEquals(output, List.of(), kiln.lines().stream().filter(l -> l.startsWith("\tat ")).toList());
            assertEquals(plugins.toString(), List.of(), plugins.stream().filter(p -> !p.state().equals("ACTIVE")).toList());
            assertEquals(plugins.toString(), plugins.size(), plugins.stream().map(CrashApi.Plugin::name).distinct().count());
            assertTrue(plugins.toString(), plugins.contains(new CrashApi.Plugin(CrashCycles.PROBE, "1.0.1", "ACTIVE")));

            List<String> recovered = api.recovered();
            assertEquals(recovered.toString(), 2, recovered.size());
            assertTrue(recovered.toString(), recovered.stream().anyMatch(r -> r.startsWith(CrashCycles.PROBE
                    + ": missing from the framework cache; reinstalled 1.0.1 (kept build ") && r.endsWith("), with the state it last saved")));
            assertTrue(recovered.toString(), recovered.stream().anyMatch(r -> r.startsWith("kiln-sample-greeting: missing from the framework cache; reinstalled ")));
            assertTrue(output, kiln.lines().stream().anyMatch(l -> l.contains("Recovered at start: " + CrashCycles.PROBE + ": missing from the framework cache")));

            String status = client(home, "status");
            assertTrue(status, status.contains("Recovered at the last start:\n  " + CrashCycles.PROBE + ": missing from the framework cache; reinstalled 1.0.1"));
        }
        // a start with nothing to put right says so
        try (CrashKiln kiln = CrashKiln.start(home, "", temp.getRoot().toPath().resolve("clean.log"))) {
            CrashApi api = new CrashApi(CrashCycles.awaitStart(kiln, home));
            CrashCheck.awaitAllActive(api);
            assertEquals(List.of(), api.recovered());
            String status = client(home, "status");
            assertTrue(status, status.contains("Recovered at the last start: nothing to recover"));
        }
    }

    @Test
    public void aNewPluginCutShortBeforeItsRecordIsTakenOutAndInstalledAgainFromHot() throws Exception {
        CrashCycles crashes = CrashCycles.setUp(DISTRIBUTION, temp.getRoot().toPath().resolve("install"), cycle -> { });
        Path home = crashes.home();
        Path armed = temp.getRoot().toPath().resolve("armed");
        String newcomer = "crash-newcomer";
        // halted after the first durable write of the install: its build being kept, after the framework installed and
        // started it, before Kiln wrote its record
        try (CrashKiln kiln = CrashKiln.start(home, CrashCycles.hookOptions(1, armed), temp.getRoot().toPath().resolve("install.log"))) {
            CrashCycles.awaitStart(kiln, home);
            Files.write(armed, new byte[0]);
            new Drop(temp.getRoot().toPath().resolve("staging")).put(home.resolve("hot"), newcomer + ".jar",
                    ProbeJar.stateProbe(newcomer, "1.0.0", "", home));
            assertEquals(String.join("\n", kiln.lines()), Optional.of(137), kiln.awaitExit(CrashCycles.CHANGE));
            assertTrue(String.join("\n", kiln.lines()), kiln.lines().stream().anyMatch(l -> l.contains("halting after write step 1 ")
                    && l.contains("versions/" + newcomer + "/")));
        }
        Files.delete(armed);

        try (CrashKiln kiln = CrashKiln.start(home, "", temp.getRoot().toPath().resolve("restart.log"))) {
            CrashApi api = new CrashApi(CrashCycles.awaitStart(kiln, home));
            CrashCycles.await(kiln, 0, "install " + newcomer + " 1.0.0", "the newcomer installed again from hot/");
            List<CrashApi.Plugin> plugins = CrashCheck.awaitAllActive(api);
            assertEquals(plugins.toString(), 1, plugins.stream().filter(p -> p.name().equals(newcomer)).count());
            assertTrue(plugins.toString(), plugins.contains(new CrashApi.Plugin(newcomer, "1.0.0", "ACTIVE")));
            assertEquals(List.of(newcomer + ": in the framework cache but not in Kiln's records (an install that did not commit);"
                    + " uninstalled, its file in hot/ installs it again"), api.recovered());
        }
    }

    @Test
    public void aBundleStampedAfterItsRecordWithTheCommittedContentIsNotPutBack() throws Exception {
        CrashCycles crashes = CrashCycles.setUp(DISTRIBUTION, temp.getRoot().toPath().resolve("stamp"), cycle -> { });
        Path home = crashes.home();
        // as Felix does to a multi-release bundle when the JDK changed: stamped anew (line 5 of bundle.info), content kept
        for (String plugin : List.of(CrashCycles.PROBE, "kiln-sample-greeting")) {
            Path info = cachedBundle(home, plugin).resolve("bundle.info");
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(info));
            lines.set(4, String.valueOf(Long.parseLong(lines.get(4)) + java.time.Duration.ofDays(1).toMillis()));
            Files.write(info, lines);
        }
        for (String start : List.of("stamped", "again")) {
            try (CrashKiln kiln = CrashKiln.start(home, "", temp.getRoot().toPath().resolve(start + ".log"))) {
                CrashApi api = new CrashApi(CrashCycles.awaitStart(kiln, home));
                CrashCheck.awaitAllActive(api);
                assertEquals(start, List.of(), api.recovered());
                assertEquals(String.join("\n", kiln.lines()), 1,
                        kiln.lines().stream().filter(l -> l.contains(CrashCycles.PROBE + " 1.0.0 active, state: ")).count());
            }
        }
    }

    /** The folder of the framework's cache that holds the plugin: its {@code bundle.info} names its location. */
    private static Path cachedBundle(Path home, String plugin) throws IOException {
        try (Stream<Path> folders = Files.list(home.resolve("data/cache"))) {
            return folders.filter(f -> {
                try {
                    Path info = f.resolve("bundle.info");
                    return Files.isRegularFile(info) && Files.readString(info).contains("\nkiln:plugin:" + plugin + "\n");
                } catch (IOException e) {
                    return false;
                }
            }).findFirst().orElseThrow(() -> new AssertionError("no cached bundle of " + plugin + " in " + home.resolve("data/cache")));
        }
    }

    /** Runs {@code bin/kiln ARGS} as the client; @return what it printed */
    private static String client(Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/kiln").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().remove("KILN_JAVA_OPTS");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(out, 0, process.waitFor());
        return out;
    }
}
