package io.kiln.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The distribution's shell, on a real terminal: the kiln: commands, and the stateful sample's count carried
 * across a reload and a restart of Kiln.
 */
public class ShellIT {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    /** {@code exit 0} stops Kiln with exit code 0, and without the InterruptedException Gogo's system:exit left. */
    private static void exitQuietly(RunningKiln kiln) throws Exception {
        kiln.type("exit 0");
        assertEquals(kiln.output().toString(), 0, kiln.awaitExit());
        assertFalse(kiln.output().toString(), kiln.printed("InterruptedException"));
    }

    @Test
    public void exitTakesAnExitCode() throws Exception {
        try (RunningKiln kiln = RunningKiln.startWithTerminal(freshCopy())) {
            kiln.awaitLine("Welcome to Apache Felix Gogo");
            kiln.type("exit 3");
            assertEquals(kiln.output().toString(), 3, kiln.awaitExit());
            assertFalse(kiln.output().toString(), kiln.printed("InterruptedException"));
        }
    }

    private Path freshCopy() throws IOException {
        return DistributionCopy.fresh(temp.getRoot().toPath().resolve("kiln"));
    }

    @Test
    public void theCounterKeepsItsCountAcrossAReloadAndARestart() throws Exception {
        Path home = freshCopy();
        try (RunningKiln kiln = RunningKiln.startWithTerminal(home)) {
            kiln.awaitLine("Welcome to Apache Felix Gogo");
            kiln.run("sample:increment", "1").run("sample:increment", "2").run("sample:increment", "3");
            kiln.run("kiln:reload kiln-sample-counter", "1 reloaded, 0 failed");
            kiln.run("sample:count", "3");
            exitQuietly(kiln);
        }
        try (RunningKiln kiln = RunningKiln.startWithTerminal(home)) {
            kiln.awaitLine("Welcome to Apache Felix Gogo");
            kiln.run("sample:count", "3");
            exitQuietly(kiln);
        }
    }

    @Test
    public void aRefusedJarStaysRefusedAcrossARestartWhileTheLastGoodVersionRuns() throws Exception {
        Path home = freshCopy();
        Path alpha = home.resolve("hot/kiln-sample-chain-alpha.jar");
        try (RunningKiln kiln = RunningKiln.startWithTerminal(home)) {
            kiln.awaitLine("Welcome to Apache Felix Gogo");
            byte[] whole = Files.readAllBytes(alpha);
            Path truncated = Files.write(home.resolve("data/tmp/alpha.jar"), java.util.Arrays.copyOf(whole, whole.length / 2));
            Files.move(truncated, alpha, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            kiln.awaitLine("kiln-sample-chain-alpha.jar: not a readable jar (corrupt or truncated)");
            exitQuietly(kiln);
        }
        try (RunningKiln kiln = RunningKiln.startWithTerminal(home)) {
            kiln.awaitLine("chain link charlie activate");
            kiln.awaitLine("Welcome to Apache Felix Gogo");
            kiln.run("kiln:status", "kiln-sample-chain-alpha.jar  kiln-sample-chain-alpha");
            kiln.run("sample:chain", "charlie 0.1.0.SNAPSHOT -> beta 0.1.0.SNAPSHOT -> alpha 0.1.0.SNAPSHOT");
            int before = kiln.output().size();
            kiln.run("kiln:history 50", "TIME");
            // the next command's answer comes after the whole history table
            kiln.run("kiln:skills", "summarize");
            long refusals = kiln.output().subList(before, kiln.output().size()).stream()
                    .filter(line -> line.contains("kiln-sample-chain-alpha") && line.contains("REJECTED")).count();
            assertEquals("refused once, not tried again at the restart", 1, refusals);
            exitQuietly(kiln);
        }
    }

    /** Runs {@code kiln:status}, which must print {@code expected}; @return the whole of what it printed (and a little more) */
    private static List<String> status(RunningKiln kiln, String expected) throws IOException {
        int before = kiln.output().size();
        kiln.run("kiln:status", expected);
        kiln.run("kiln:list", "kiln-sample-chain-charlie"); // its answer comes after the whole status
        return List.copyOf(kiln.output().subList(before, kiln.output().size()));
    }

    @Test
    public void aRefusedFileDeletedWhileKilnIsStoppedIsNoLongerListed() throws Exception {
        Path home = freshCopy();
        try (RunningKiln kiln = RunningKiln.startWithTerminal(home)) {
            kiln.awaitLine("Welcome to Apache Felix Gogo");
            Path staged = Files.writeString(home.resolve("data/tmp/garbage.jar"), "not a jar");
            Files.move(staged, home.resolve("hot/garbage.jar"), StandardCopyOption.ATOMIC_MOVE);
            kiln.awaitLine("garbage.jar: not a readable jar (corrupt or truncated)");
            kiln.run("kiln:status", "garbage.jar");
            exitQuietly(kiln);
        }
        Files.delete(home.resolve("hot/garbage.jar"));
        try (RunningKiln kiln = RunningKiln.startWithTerminal(home)) {
            kiln.awaitLine("Welcome to Apache Felix Gogo");
            List<String> status = status(kiln, "Plugins: 7 (7 active");
            assertEquals(List.of(), status.stream().filter(l -> l.contains("garbage.jar")).toList());
            exitQuietly(kiln);
        }
    }

    @Test
    public void kilnStatusListsARefusedSkill() throws Exception {
        Path home = freshCopy();
        try (RunningKiln kiln = RunningKiln.startWithTerminal(home)) {
            kiln.awaitLine("Welcome to Apache Felix Gogo");
            kiln.run("kiln:status", "Rejected skills: none");
            Path staged = Files.writeString(home.resolve("data/tmp/SKILL.md"), "no front matter here\n");
            Files.createDirectories(home.resolve("skills/broken"));
            Files.move(staged, home.resolve("skills/broken/SKILL.md"), StandardCopyOption.ATOMIC_MOVE);
            kiln.awaitLine("broken/SKILL.md");
            List<String> status = status(kiln, "Rejected skills (a refused change keeps the last good version published):");
            assertEquals(status.toString(), 1, status.stream().filter(l -> l.startsWith("broken/SKILL.md  broken  ")).count());
            exitQuietly(kiln);
        }
    }

    @Test
    public void theKilnCommandsShowAndChangePlugins() throws Exception {
        Path home = freshCopy();
        try (RunningKiln kiln = RunningKiln.startWithTerminal(home)) {
            kiln.awaitLine("Welcome to Apache Felix Gogo");
            kiln.run("kiln:list", "kiln-sample-chain-charlie  0.1.0.SNAPSHOT  ACTIVE");
            kiln.run("kiln:reload kiln-sample-chain-alpha", "3 reloaded, 0 failed");
            kiln.run("kiln:disable kiln-sample-counter", "disable kiln-sample-counter 0.1.0.SNAPSHOT: APPLIED");
            kiln.run("kiln:status", "Plugins: 7 (6 active, 0 degraded, 1 disabled)");
            kiln.run("kiln:reload nosuchplugin", "no plugin named 'nosuchplugin'; plugins: kiln-sample-api");
            kiln.run("kiln:history 3", "disable");
            exitQuietly(kiln);
        }
        // disabled is remembered across a restart
        try (RunningKiln kiln = RunningKiln.startWithTerminal(home)) {
            kiln.awaitLine("Welcome to Apache Felix Gogo");
            kiln.run("kiln:list", "no       kiln-sample-counter.jar");
            kiln.run("kiln:enable kiln-sample-counter", "enable kiln-sample-counter 0.1.0.SNAPSHOT: APPLIED");
            exitQuietly(kiln);
        }
    }
}
