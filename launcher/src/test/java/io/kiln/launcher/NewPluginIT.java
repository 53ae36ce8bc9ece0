package io.kiln.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code bin/kiln new plugin}: the generated project builds with {@code mvn verify} against the distribution's
 * {@code maven/} folder, its jar goes live in a running Kiln and its command and state work; bad names write
 * nothing; its post-commit hook installs each commit, and never holds up a commit.
 */
public class NewPluginIT {

    private static final Path DISTRIBUTION = DistributionCopy.BUILT;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path folder(String name) {
        return temp.getRoot().toPath().resolve(name);
    }

    private Path newPlugin(String name, String... options) throws Exception {
        Path project = folder(name);
        List<String> args = new java.util.ArrayList<>(List.of("new", "plugin", name, "--dir", project.toString()));
        args.addAll(List.of(options));
        ApiKiln.ClientRun run = ApiKiln.client(DISTRIBUTION, args.toArray(String[]::new));
        assertEquals(run.toString(), 0, run.exit());
        assertTrue(run.toString(), run.out().startsWith("created " + project + ": plugin " + name));
        assertTrue(run.toString(), run.out().contains("mvn verify") && run.out().contains("target/" + name + ".jar"));
        return project;
    }

    @Test
    public void theNewPluginBuildsGoesLiveAndKeepsItsCountAcrossAnUpdateThroughItsHook() throws Exception {
        Path project = newPlugin("hello-world", "--group", "com.acme", "--package", "com.acme.hello");
        PluginBuild build = PluginBuild.in(folder("maven"), DISTRIBUTION);
        PluginBuild.Run verify = build.maven(project, "-q", "verify");
        assertEquals(verify.toString(), 0, verify.exit());
        Path jar = project.resolve("target/hello-world.jar");
        assertTrue("the jar is named without its version", Files.isRegularFile(jar));
        assertTrue(Files.readString(project.resolve("target/surefire-reports/com.acme.hello.internal.CountingGreeterTest.txt"))
                .contains("Failures: 0, Errors: 0"));

        Path home = DistributionCopy.fresh(folder("kiln"));
        Files.writeString(home.resolve("conf/hello-world.cfg"),
                Files.readString(project.resolve("conf/hello-world.cfg")).replace("greeting = Hello", "greeting = Bonjour"));
        try (RunningKiln kiln = RunningKiln.startWithTerminal(home)) {
            kiln.awaitLine("Welcome to Apache Felix Gogo");
            Path staged = Files.copy(jar, home.resolve("data/tmp/hello-world.jar"));
            Files.move(staged, home.resolve("hot/hello-world.jar"), StandardCopyOption.ATOMIC_MOVE);
            kiln.awaitLine("hello-world greets with 'Bonjour', 0 greetings so far");
            kiln.run("helloworld:greet Ada", "Bonjour, Ada! (greeting 1)");
            await("data/api-url").atMost(Duration.ofSeconds(30)).until(() -> Files.exists(home.resolve("data/api-url")));
            ApiKiln.ClientRun list = ApiKiln.client(home, "list");
            assertTrue(list.toString(), list.out().lines().anyMatch(l -> l.matches("hello-world\\s+1\\.0\\.0\\.SNAPSHOT\\s+ACTIVE\\s+yes.*")));

            // the count survives a reload (the old component saves it, the new one loads it)
            kiln.run("kiln:reload hello-world", "1 reloaded, 0 failed");
            kiln.run("helloworld:greet Bob", "Bonjour, Bob! (greeting 2)");

            // a commit: the hook builds the changed plugin and installs it into this Kiln, in the background
            Assume.assumeTrue("git is needed for the hook's part", git(project, Map.of(), "--version").exit() == 0);
            assertEquals(0, git(project, Map.of(), "init", "-q").exit());
            PluginBuild.Run install = PluginBuild.run(project, Map.of(), 30, "sh", ".githooks/install");
            assertEquals(install.toString(), 0, install.exit());
            Path greeter = project.resolve("src/main/java/com/acme/hello/internal/CountingGreeter.java");
            Files.writeString(greeter, Files.readString(greeter).replace("\" (greeting \"", "\" (greeting number \""));
            assertEquals(0, git(project, Map.of(), "add", "-A").exit());
            Map<String, String> env = Map.of("KILN_HOME", home.toString(), "KILN_MVN", String.join(" ", build.mvn()));
            PluginBuild.Run commit = git(project, env, "commit", "-q", "-m", "greeting number");
            assertEquals(commit.toString(), 0, commit.exit());
            assertTrue(commit.toString(), commit.output().contains("kiln hook: building hello-world and installing it into " + home + " in the background"));
            Path log = project.resolve(".git/kiln-hook.log");
            await("the hook's verdict in " + log).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.exists(log) && Files.readString(log).contains("kiln hook: hello-world 1.0.0.SNAPSHOT is live (APPLIED"));
            kiln.run("helloworld:greet Cy", "Bonjour, Cy! (greeting number 3)");
            kiln.type("exit 0");
            assertEquals(kiln.output().toString(), 0, kiln.awaitExit());
        }
    }

    @Test
    public void theHookNeverHoldsUpACommitAndExitsZeroWithoutAKiln() throws Exception {
        Path project = newPlugin("quiet-hook");
        PluginBuild.Run alone = PluginBuild.run(project, Map.of("KILN_HOME", folder("no-kiln-here").toString()), 30, ".githooks/post-commit");
        assertEquals(alone.toString(), 0, alone.exit());
        assertTrue(alone.toString(), alone.output().contains("kiln hook: no Kiln to install quiet-hook into"));

        Assume.assumeTrue("git is needed for the commit", git(project, Map.of(), "--version").exit() == 0);
        assertEquals(0, git(project, Map.of(), "init", "-q").exit());
        assertEquals(0, PluginBuild.run(project, Map.of(), 30, "sh", ".githooks/install").exit());
        assertEquals(0, git(project, Map.of(), "add", "-A").exit());
        PluginBuild.Run commit = git(project, Map.of(), "commit", "-q", "-m", "first");
        assertEquals(commit.toString(), 0, commit.exit());
        assertTrue(commit.toString(), commit.output().contains("kiln hook: no Kiln to install quiet-hook into"));
        assertEquals("committed", 0, git(project, Map.of(), "rev-parse", "--verify", "-q", "HEAD").exit());
        assertFalse("nothing built", Files.exists(project.resolve("target")));
    }

    @Test
    public void badNamesPrintOneLineExitNonZeroAndWriteNothing() throws Exception {
        Path existing = Files.createDirectories(folder("taken"));
        Files.writeString(existing.resolve("keep.txt"), "mine");
        fails(2, "'Hello World' is not a plugin name", "new", "plugin", "Hello World", "--dir", folder("a").toString());
        fails(2, "'hello_world' is not a plugin name", "new", "plugin", "hello_world", "--dir", folder("b").toString());
        fails(2, "'com..acme' is not a Java package name", "new", "plugin", "hello", "--package", "com..acme", "--dir", folder("c").toString());
        fails(2, "'com.acme.int.x' is not a Java package name", "new", "plugin", "hello", "--package", "com.acme.int.x", "--dir", folder("d").toString());
        fails(2, "the package derived from the name and group, 'com.example.int', is not a Java package name", "new", "plugin", "int",
                "--dir", folder("e").toString());
        fails(2, "'com acme' is not a Maven groupId", "new", "plugin", "hello", "--group", "com acme", "--dir", folder("f").toString());
        fails(1, existing + " exists already", "new", "plugin", "hello", "--dir", existing.toString());
        try (Stream<Path> left = Files.walk(temp.getRoot().toPath())) {
            assertEquals("only what was there before", List.of(temp.getRoot().toPath(), existing, existing.resolve("keep.txt")),
                    left.sorted().toList());
        }
        assertEquals("mine", Files.readString(existing.resolve("keep.txt")));
    }

    private static void fails(int exit, String reason, String... args) throws IOException, InterruptedException {
        ApiKiln.ClientRun run = ApiKiln.client(DISTRIBUTION, args);
        assertEquals(run.toString(), exit, run.exit());
        assertEquals(run.toString(), "", run.out());
        assertEquals(run.toString(), 1, run.err().strip().lines().count());
        assertTrue(run.toString(), run.err().startsWith("kiln: ") && run.err().contains(reason) && run.err().contains("nothing written"));
        assertNotEquals(run.toString(), 0, run.exit());
    }

    private static PluginBuild.Run git(Path project, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=Kiln Test", "-c", "user.email=test@kiln.invalid",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        try {
            return PluginBuild.run(project, env, 60, command.toArray(String[]::new));
        } catch (IOException noGit) {
            return new PluginBuild.Run(-1, noGit.toString(), String.join(" ", command));
        }
    }
}
