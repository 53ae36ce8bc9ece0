package io.kiln.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The assembled distribution, run through its real {@code bin/kiln} from a copy in a fresh folder.
 */
public class DistributionIT {

    private static final Path DISTRIBUTION = DistributionCopy.BUILT;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path copyOf(Path source, String name) throws IOException {
        return DistributionCopy.exact(source, temp.getRoot().toPath().resolve(name));
    }

    @Test
    public void runsHeadlessWithTheSamplesAndStopsCleanlyOnSigterm() throws Exception {
        Path home = copyOf(DISTRIBUTION, "kiln");
        try (RunningKiln kiln = RunningKiln.start(home)) {
            kiln.awaitLine("Kiln ready in ");
            kiln.awaitLine("chain link charlie activate").awaitLine("section sample.greeting applied: text=Hello")
                    .awaitLine(" installed together, ");
            assertTrue(kiln.output().stream().anyMatch(line -> line.matches("Kiln ready in \\d+ ms")));
            // FileInstall hands the jars over one by one: all of them go in one batch all the same
            long jars;
            try (Stream<Path> files = Files.list(home.resolve("hot"))) {
                jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).count();
            }
            List<String> batches = kiln.output().stream().filter(line -> line.contains(" installed together, ")).toList();
            assertEquals("one batch of every jar in hot/; output: " + kiln.output(), 1, batches.size());
            assertTrue(batches.get(0), batches.get(0).contains(" " + jars + " new plugins installed together, 0 files left to go one by one"));

            kiln.signal("TERM");
            assertEquals("exit code after SIGTERM; output: " + kiln.output(), 0, kiln.awaitExit());
            assertTrue(kiln.printed("chain link alpha deactivate"));
            assertTrue(kiln.printed("Kiln stopped"));
        }
    }

    @Test
    public void theSystemdUnitRunsThisDistributionHeadlessAndWritesOnlyItsOwnFolders() throws Exception {
        Path home = copyOf(DISTRIBUTION, "kiln");
        String unit = Files.readString(home.resolve("systemd/kiln.service"));
        assertTrue(unit, unit.contains("\nExecStart=/opt/kiln/bin/kiln --headless\n"));
        assertTrue(unit, unit.contains("\nKillSignal=SIGTERM\n") && unit.contains("\nRestart=on-failure\n"));
        String writes = unit.lines().filter(l -> l.startsWith("ReadWritePaths=")).findFirst().orElseThrow();
        for (String folder : writes.substring("ReadWritePaths=".length()).split(" ")) {
            assertTrue(folder + " is a folder of the distribution", Files.isDirectory(home.resolve(folder.replace("/opt/kiln/", ""))));
        }
        // systemd's own check, where systemd is installed: the unit as it would be for this copy, run as this user
        Path systemd = Path.of("/usr/bin/systemd-analyze");
        if (Files.isExecutable(systemd)) {
            String user = System.getProperty("user.name");
            Path copy = Files.writeString(home.resolve("kiln-here.service"), unit.replace("/opt/kiln", home.toString())
                    .replace("User=kiln", "User=" + user).replace("Group=kiln", "Group=" + user));
            Process verify = new ProcessBuilder(systemd.toString(), "verify", copy.toString()).redirectErrorStream(true).start();
            String said = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(said, 0, verify.waitFor());
            assertFalse("no unknown or ignored setting: " + said, said.contains("Unknown") || said.contains("ignoring"));
        }
    }

    @Test
    public void ctrlCStopsCleanlyToo() throws Exception {
        Path home = copyOf(DISTRIBUTION, "kiln");
        try (RunningKiln kiln = RunningKiln.start(home, "--headless")) {
            kiln.awaitLine("Kiln ready in ");
            kiln.signal("INT");
            assertEquals("exit code after SIGINT; output: " + kiln.output(), 0, kiln.awaitExit());
            assertTrue(kiln.printed("Kiln stopped"));
        }
    }

    @Test
    public void aCopiedDistributionUsesItsOwnFolders() throws Exception {
        Path first = copyOf(DISTRIBUTION, "first");
        try (RunningKiln kiln = RunningKiln.start(first)) {
            kiln.awaitLine("Kiln ready in ").awaitLine("chain link charlie activate");
            kiln.signal("TERM");
            assertEquals(0, kiln.awaitExit());
        }
        // a used distribution, cache and all, copied elsewhere and started there
        Path second = copyOf(first, "second");
        Files.writeString(second.resolve("conf/sample.greeting.cfg"), "text = Moved\n");
        try (RunningKiln kiln = RunningKiln.start(second)) {
            kiln.awaitLine("Kiln ready in ").awaitLine("chain link charlie activate")
                    .awaitLine("section sample.greeting applied: text=Moved");
            assertFalse("errors in " + kiln.output(), kiln.printed("ERROR"));
            // the cache did not move along: every plugin is reinstalled from Kiln's records, and only once the logging
            // section is applied (Pax Logging drops what is logged while it takes a section)
            int logging = kiln.awaitLine(0, "section org.ops4j.pax.logging applied", Duration.ofSeconds(30));
            int firstPlugin = kiln.awaitLine(0, "this Kiln was moved or copied from " + first, Duration.ofSeconds(30));
            assertFalse("a move is no repair: " + kiln.output(), kiln.printed("Recovered at start"));
            assertTrue("the logging section before the first plugin: " + kiln.output(), logging < firstPlugin);

            Path staged = second.resolve("data/tmp/sample.greeting.cfg");
            Files.writeString(staged, "text = Live\n");
            Files.move(staged, second.resolve("conf/sample.greeting.cfg"), StandardCopyOption.ATOMIC_MOVE);
            kiln.awaitLine("section sample.greeting applied: text=Live");

            kiln.signal("TERM");
            assertEquals(0, kiln.awaitExit());
        }
        assertEquals(second.toString(), Files.readString(second.resolve("data/cache.home"), StandardCharsets.UTF_8));
        assertEquals(first.toString(), Files.readString(first.resolve("data/cache.home"), StandardCharsets.UTF_8));
    }

    @Test
    public void aMissingCoreBundleIsNamedAndExitsNonZero() throws Exception {
        Path home = copyOf(DISTRIBUTION, "kiln");
        Files.delete(home.resolve("system/org.apache.felix.scr.jar"));
        try (RunningKiln kiln = RunningKiln.start(home)) {
            assertEquals(1, kiln.awaitExit());
            assertTrue(kiln.output().toString(), kiln.printed("kiln: cannot start: missing bundle: ")
                    && kiln.printed("org.apache.felix.scr"));
        }
    }

    @Test
    public void anUnwritableDataFolderIsNamedAndExitsNonZero() throws Exception {
        Path home = copyOf(DISTRIBUTION, "kiln");
        try (Stream<Path> data = Files.walk(home.resolve("data"))) {
            data.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        Files.writeString(home.resolve("data"), "not a folder");
        try (RunningKiln kiln = RunningKiln.start(home)) {
            assertEquals(1, kiln.awaitExit());
            assertTrue(kiln.output().toString(), kiln.printed("kiln: cannot start: cannot write to " + home.resolve("data")));
        }
    }

    @Test
    public void aMalformedSettingIsNamedAndExitsNonZero() throws Exception {
        Path home = copyOf(DISTRIBUTION, "kiln");
        Files.writeString(home.resolve("conf/kiln.properties"), "felix.fileinstall.dir = ${kiln.hoem}/hot\n",
                java.nio.file.StandardOpenOption.APPEND);
        try (RunningKiln kiln = RunningKiln.start(home)) {
            assertEquals(1, kiln.awaitExit());
            assertTrue(kiln.output().toString(), kiln.printed("${kiln.hoem}"));
        }
    }

    @Test
    public void aBusyAdminPortStopsTheStartWithOneLine() throws Exception {
        Path home = copyOf(DISTRIBUTION, "kiln");
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
                RunningKiln kiln = RunningKiln.startWithOptions(home, "-Dorg.osgi.service.http.port=" + busy.getLocalPort())) {
            assertEquals(kiln.output().toString(), 1, kiln.awaitExit());
            String output = String.join("\n", kiln.output());
            assertTrue(output, kiln.printed("kiln: cannot start: the admin API's port 127.0.0.1:" + busy.getLocalPort() + " is in use by another process"));
            assertTrue(output, kiln.printed("set org.osgi.service.http.port in conf/kiln.properties or -Dorg.osgi.service.http.port=PORT"));
            assertEquals(output, 1, kiln.output().size());
            assertFalse(output, kiln.printed("Kiln ready"));
            assertFalse(output, kiln.output().stream().anyMatch(line -> line.startsWith("\tat ") || line.contains("BindException:")));
        }
    }

    @Test
    public void aSecondKilnInTheSameFolderStopsWithOneLineAndLeavesTheFirstAlone() throws Exception {
        Path home = copyOf(DISTRIBUTION, "kiln");
        try (RunningKiln first = RunningKiln.start(home)) {
            first.awaitLine("Kiln admin API and web page at ");
            await("data/api-url").atMost(java.time.Duration.ofSeconds(30)).until(() -> Files.exists(home.resolve("data/api-url")));
            String url = Files.readAllLines(home.resolve("data/api-url")).get(0);
            try (RunningKiln second = RunningKiln.start(home)) {
                assertEquals(second.output().toString(), 1, second.awaitExit());
                String output = String.join("\n", second.output());
                assertTrue(output, second.printed("Kiln already runs in "));
                assertTrue(output, second.printed("one Kiln per folder"));
                assertEquals(output, 1, second.output().size());
            }
            assertEquals("the first keeps its address file", url, Files.readAllLines(home.resolve("data/api-url")).get(0));
        }
    }

    @Test
    public void aFailingActivateShowsNoStackTraceOnTheConsoleButKeepsItInTheLogFile() throws Exception {
        Path home = copyOf(DISTRIBUTION, "kiln");
        try (RunningKiln kiln = RunningKiln.start(home)) {
            kiln.awaitLine("Kiln ready in ");
            Path staged = home.resolve("data/tmp/it-failing.jar");
            Files.write(staged, FailingPlugin.jar("it-failing"));
            Files.move(staged, home.resolve("hot/it-failing.jar"), StandardCopyOption.ATOMIC_MOVE);
            kiln.awaitLine("it-failing");
            await("Kiln's verdict on it-failing in " + kiln.output()).atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> kiln.output().stream().anyMatch(line -> line.contains("it-failing") && line.contains("it.failing refuses to start")));
            String output = String.join("\n", kiln.output());
            assertEquals(output, List.of(), FailingPlugin.traceLines(kiln.output()));
            // the console's pattern shows an exception by its first line; data/log/kiln.log keeps SCR's line and the trace
            Path log = home.resolve("data/log/kiln.log");
            await("SCR's error and its trace in " + log).atMost(java.time.Duration.ofSeconds(30)).until(() -> {
                List<String> lines = Files.readAllLines(log);
                return lines.stream().anyMatch(l -> l.contains("The activate method has thrown an exception"))
                        && !FailingPlugin.traceLines(lines).isEmpty();
            });
            kiln.signal("TERM");
            assertEquals(0, kiln.awaitExit());
        }
    }

    @Test
    public void aBadArgumentPrintsUsageAndExitsTwo() throws Exception {
        try (RunningKiln kiln = RunningKiln.start(DISTRIBUTION, "--bogus")) {
            assertEquals(2, kiln.awaitExit());
            assertTrue(kiln.printed("unknown argument '--bogus'"));
            assertTrue(kiln.printed("Usage: kiln"));
        }
    }
}
