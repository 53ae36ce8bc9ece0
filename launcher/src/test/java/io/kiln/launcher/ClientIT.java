package io.kiln.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The real {@code bin/kiln COMMAND} client against a running distribution. */
public class ClientIT {

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static ApiKiln kiln;

    @BeforeClass
    public static void start() throws Exception {
        kiln = ApiKiln.start(temp.getRoot().toPath().resolve("kiln"), Map.of());
    }

    @AfterClass
    public static void stop() throws Exception {
        kiln.close();
    }

    private static ApiKiln.ClientRun ok(String... args) throws Exception {
        ApiKiln.ClientRun run = kiln.client(args);
        assertEquals(run.toString(), 0, run.exit());
        return run;
    }

    private static ApiKiln.ClientRun fails(String reason, String... args) throws Exception {
        ApiKiln.ClientRun run = kiln.client(args);
        assertEquals(run.toString(), 1, run.exit());
        assertEquals(run.toString(), 1, run.err().strip().lines().count());
        assertTrue(run.toString(), run.err().startsWith("kiln: ") && run.err().contains(reason));
        return run;
    }

    @Test
    public void statusAndListPrintTables() throws Exception {
        String status = ok("status").out();
        assertTrue(status, status.contains("Rejected files: none") && status.contains("Rejected sections: none") && status.contains("Rejected skills: none"));
        String list = ok("list").out();
        assertTrue(list, list.startsWith("NAME "));
        assertTrue(list, list.lines().anyMatch(l -> l.matches("kiln-sample-chain-charlie\\s+0\\.1\\.0\\.SNAPSHOT\\s+ACTIVE\\s+yes.*")));
    }

    @Test
    public void jsonPrintsTheApisAnswer() throws Exception {
        String json = ok("--json", "list").out();
        assertTrue(JsonParser.parseString(json).getAsJsonArray().size() >= 6);
        assertTrue(JsonParser.parseString(ok("show", "kiln-sample-api", "--json").out()).getAsJsonObject().has("previousVersions"));
    }

    @Test
    public void reloadWithVerify() throws Exception {
        String out = ok("reload", "kiln-sample-chain-alpha", "--verify").out();
        assertTrue(out, out.contains("3 reloaded, 0 failed"));
        assertTrue(out, out.contains("verified"));
        assertTrue(ok("reload", "kiln-sample-chain-alpha", "--only").out().contains("1 reloaded, 0 failed"));
        assertTrue(ok("reload-all").out().contains(" failed"));
    }

    @Test
    public void failuresExitNonZeroWithOneLine() throws Exception {
        fails("no plugin named 'nope'", "reload", "nope");
        fails("unauthorized", "--token", "not-the-token-at-all", "list");
        fails("cannot reach Kiln", "--api-url", "http://127.0.0.1:" + ApiKiln.freePort() + "/", "status");
        fails("no such file", "install", temp.getRoot().toPath().resolve("missing.jar").toString());
        fails("invalid configuration", "config", "set", "sample.greeting", "shout", "maybe");
        ApiKiln.ClientRun usage = kiln.client("frobnicate");
        assertEquals(usage.toString(), 2, usage.exit());
        assertTrue(usage.err().contains("unknown command 'frobnicate'"));
    }

    @Test
    public void installRemoveDisableEnableRollbackHistory() throws Exception {
        Path jar = temp.getRoot().toPath().resolve("client-plugin.jar");
        Files.write(jar, ApiKiln.pluginJar("it-client", "1.0.0"));
        assertTrue(ok("install", jar.toString()).out().contains("it-client 1.0.0 is live"));
        Files.write(jar, ApiKiln.pluginJar("it-client", "2.0.0"));
        assertTrue(ok("install", jar.toString()).out().contains("it-client 2.0.0 is live"));
        assertTrue(ok("rollback", "it-client").out().contains("rollback it-client 1.0.0: APPLIED"));
        assertTrue(ok("disable", "it-client").out().contains("APPLIED"));
        assertTrue(ok("enable", "it-client").out().contains("APPLIED"));
        String history = ok("history", "3").out();
        assertEquals(history, 4, history.lines().count());
        assertTrue("recorded as made by the client: " + history, history.contains("enable") && history.contains("client"));
        assertTrue(ok("remove", "it-client").out().contains("removed it-client"));
        fails("no plugin named 'it-client'", "show", "it-client");
    }

    @Test
    public void configSkillsAndAgents() throws Exception {
        assertTrue(ok("config").out().contains("sample.greeting"));
        assertTrue(ok("config", "show", "sample.greeting").out().contains("text"));
        assertTrue(ok("config", "reload", "sample.greeting").out().contains("sample.greeting"));
        assertTrue(ok("config", "reload").out().contains("sample.farewell"));
        assertTrue(ok("skills").out().contains("summarize"));
        assertTrue(ok("agents").out().contains("helper"));
    }

    @Test
    public void watchInstallsEachCompleteNewJarOnce() throws Exception {
        Path target = Files.createDirectories(temp.getRoot().toPath().resolve("watched/target"));
        Path jar = target.resolve("it-watched-1.0.0.jar");
        Files.write(jar, ApiKiln.pluginJar("it-watched", "1.0.0")); // the build before: there already, not sent
        try (RunningKiln watch = RunningKiln.start(kiln.home, "watch", target.toString(), "--cooldown=100")) {
            watch.awaitLine("watching " + target + " for plugin jars (now it-watched-1.0.0.jar)");
            // mvn package: the jar is deleted, written part-way, then whole
            Files.delete(jar);
            byte[] v2 = ApiKiln.pluginJar("it-watched", "2.0.0");
            Files.write(jar, java.util.Arrays.copyOf(v2, v2.length / 2));
            watch.awaitLine("waiting for " + jar + ": not a complete plugin jar yet");
            Files.write(jar, v2);
            watch.awaitLine("installed it-watched 2.0.0 from " + jar);
            Files.delete(jar);
            Files.write(jar, v2); // rebuilt, same content
            watch.awaitLine("unchanged " + jar);
            assertEquals(watch.output().toString(), 1, watch.output().stream().filter(l -> l.startsWith("installed ")).count());
            // mvn clean package: the folder itself goes, and comes back with the new build
            Files.delete(jar);
            Files.delete(target);
            watch.awaitLine(target + " is gone (a clean build?); waiting for it to come back");
            Files.createDirectories(target);
            Files.write(jar, ApiKiln.pluginJar("it-watched", "3.0.0"));
            watch.awaitLine("installed it-watched 3.0.0 from " + jar);
            assertEquals(watch.output().toString(), 2, watch.output().stream().filter(l -> l.startsWith("installed ")).count());
        }
        String history = ok("--json", "history", "50").out();
        assertEquals(history, 2, JsonParser.parseString(history).getAsJsonArray().asList().stream()
                .filter(e -> e.getAsJsonObject().get("plugin").getAsString().equals("it-watched")).count());
        assertEquals("3.0.0", JsonParser.parseString(kiln.get("/api/v1/plugins/it-watched").body()).getAsJsonObject().get("version").getAsString());
        ok("remove", "it-watched");
    }

    @Test
    public void watchOnASourceFolderSaysWhatToWatchInstead() throws Exception {
        Path project = Files.createDirectories(temp.getRoot().toPath().resolve("my-plugin"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Files.createDirectories(project.resolve("src/main/java"));
        ApiKiln.ClientRun run = fails("kiln watch installs built plugin jars", "watch", project.toString(), "--verify");
        assertTrue(run.toString(), run.err().contains("'mvn package'") && run.err().contains("kiln watch " + project.resolve("target"))
                && run.err().contains("kiln dev " + project));
        assertTrue(run.toString(), run.out().isEmpty());
    }

    @Test
    public void aCopyOfARunningDistributionDoesNotDriveTheOriginal() throws Exception {
        Path copy = DistributionCopy.exact(kiln.home, temp.getRoot().toPath().resolve("copy"));
        assertTrue(Files.exists(copy.resolve("data/api-url")));
        ApiKiln.ClientRun run = ApiKiln.client(copy, "disable", "kiln-sample-counter");
        assertEquals(run.toString(), 1, run.exit());
        assertTrue(run.toString(), run.err().startsWith("kiln: Kiln in " + copy.toRealPath() + " is not running; data/api-url belongs to "
                + kiln.home.toRealPath() + " (pid "));
        assertTrue(ok("show", "kiln-sample-counter").out().contains("ACTIVE"));
        assertTrue(ok("--json", "status").out().contains("\"home\": \"" + kiln.home.toRealPath() + "\""));
    }

    @Test
    public void statusListsRejectedSectionsAndSkills() throws Exception {
        Path section = kiln.home.resolve("conf/sample.farewell.cfg");
        String good = Files.readString(section);
        Path skill = kiln.home.resolve("skills/broken/SKILL.md");
        try {
            replace(section, "text = Bye\ntimes = lots\n");
            Files.createDirectories(skill.getParent());
            replace(skill, "no front matter here\n");
            await("the refusals in kiln status").atMost(Duration.ofSeconds(30)).until(() -> {
                String out = kiln.client("status").out();
                return out.contains("sample.farewell.cfg  sample.farewell") && out.contains("broken");
            });
            String status = ok("status").out();
            assertTrue(status, status.contains("Rejected sections (their components keep the last good configuration, unless the reason says otherwise):"));
            assertTrue(status, status.lines().anyMatch(l -> l.startsWith("sample.farewell.cfg  sample.farewell") && l.contains("times: expected an integer, found 'lots'")));
            assertTrue(status, status.contains("Rejected skills"));
            assertTrue(status, status.lines().anyMatch(l -> l.contains("broken")));
            JsonObject json = JsonParser.parseString(ok("--json", "status").out()).getAsJsonObject();
            assertEquals(json.toString(), "sample.farewell", json.getAsJsonArray("rejectedSections").get(0).getAsJsonObject().get("pid").getAsString());
            assertEquals(json.toString(), "broken", json.getAsJsonArray("rejectedSkills").get(0).getAsJsonObject().get("name").getAsString());
        } finally {
            replace(section, good);
            Files.deleteIfExists(skill);
            Files.deleteIfExists(skill.getParent());
        }
        await("the section applied again").atMost(Duration.ofSeconds(30)).until(() -> {
            String out = kiln.client("status").out();
            return out.contains("Rejected sections: none") && out.contains("Rejected skills: none");
        });
    }

    /** Writes a file the way an editor saves it: a whole new file moved over the old one. */
    private static void replace(Path file, String content) throws Exception {
        Path staged = kiln.home.resolve("data/tmp/" + file.getFileName() + ".staged");
        Files.createDirectories(staged.getParent());
        Files.writeString(staged, content);
        Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    public void execRunsOneCommandOfTheRunningKiln() throws Exception {
        assertEquals("Hello, Ada!", ok("exec", "sample:greet", "Ada").out().strip());
        assertEquals("quoted as one argument too", "Hello, Bo!", ok("exec", "sample:greet Bo").out().strip());
        // the command's own error, on one line, exit status 1: not a stack trace of the transport
        fails("Command not found: nope:nothing", "exec", "nope:nothing");
        String json = ok("--json", "exec", "sample:greet", "Cy").out();
        assertEquals(0, JsonParser.parseString(json).getAsJsonObject().get("exitStatus").getAsInt());
    }

    @Test
    public void graphSaysWhoUsesWhomAndWhatAChangeWouldRestart() throws Exception {
        String all = ok("graph").out();
        assertTrue(all, all.lines().anyMatch(l -> l.matches("kiln-sample-chain-beta\\s+ACTIVE\\s+kiln-sample-api, kiln-sample-chain-alpha\\s+none")));
        assertTrue(all, all.lines().anyMatch(l -> l.matches("kiln-sample-api\\s+ACTIVE\\s+-\\s+kiln-sample-chain-alpha, kiln-sample-chain-beta, .*")));
        String alpha = ok("graph", "kiln-sample-chain-alpha").out();
        assertTrue(alpha, alpha.contains("used by kiln-sample-chain-beta: uses service io.kiln.sample.chain.ChainLink through a handle\n"
                + "a change to it restarts: none\nkeeps running:\n  kiln-sample-chain-beta: uses service io.kiln.sample.chain.ChainLink through a handle\n"
                + "  kiln-sample-chain-charlie: depends on kiln-sample-chain-beta, which depends on it"));
        String api = ok("graph", "kiln-sample-api").out();
        assertTrue(api, api.contains("a change to it restarts, in this order:\n  kiln-sample-chain-alpha: refreshed with kiln-sample-api: imports package io.kiln.sample.chain"));
        fails("no plugin named 'nope'", "graph", "nope");
    }

    @Test
    public void exportsListsWhatThePlatformOffersPluginsAndNotThePluginsOwn() throws Exception {
        String slf4j = ok("exports", "org.slf4j").out();
        // Pax Logging's API bundle offers SLF4J 1.7 and 2.x both
        assertTrue(slf4j, slf4j.lines().anyMatch(l -> l.matches("org\\.slf4j\\s+1\\.7\\.\\d+\\s+org\\.ops4j\\.pax\\.logging\\.pax-logging-api")));
        assertTrue(slf4j, slf4j.lines().anyMatch(l -> l.matches("org\\.slf4j\\s+2\\.\\d+\\.\\d+\\s+org\\.ops4j\\.pax\\.logging\\.pax-logging-api")));
        String api = ok("exports", "io.kiln").out();
        assertTrue(api, api.lines().anyMatch(l -> l.matches("io\\.kiln\\.api\\.call\\s+1\\.0\\.0\\s+kiln-plugin-api")));
        assertTrue("the sample API is a plugin's export, not the platform's: " + api, !api.contains("io.kiln.sample"));
        assertTrue(ok("exports", "no.such.package").out().contains("no exported package starts with no.such.package"));
    }

    @Test
    public void shellKeepsOneSessionUntilExit() throws Exception {
        ApiKiln.ClientRun run = kiln.clientReading("name = Dee\nsample:greet $name\nnope:nothing\nsample:greet again\nexit\n", "shell");
        assertEquals(run.toString(), 0, run.exit());
        assertTrue(run.toString(), run.out().contains("Hello, Dee!"));
        assertTrue("the shell goes on after a failed command: " + run, run.out().contains("Hello, again!"));
        assertTrue(run.toString(), run.err().contains("Command not found: nope:nothing"));
        assertTrue("no prompt for input that is not a terminal: " + run, !run.out().contains("kiln> "));
        ApiKiln.ClientRun exit = kiln.clientReading("sample:greet Ada\nexit 3\nsample:greet never\n", "shell");
        assertEquals(exit.toString(), 3, exit.exit());
        assertTrue(exit.toString(), exit.out().contains("Hello, Ada!") && !exit.out().contains("never"));
    }

    @Test
    public void helpOnEveryCommand() throws Exception {
        assertTrue(ok("help").out().contains("Usage: kiln "));
        assertTrue(ok("watch", "--help").out().startsWith("Usage: kiln watch "));
        assertTrue(ok("config", "--help").out().contains("reload"));
    }
}
