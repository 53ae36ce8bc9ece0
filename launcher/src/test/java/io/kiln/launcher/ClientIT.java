package io.kiln.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

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
        assertTrue(ok("status").out().contains("Rejected files: none"));
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
    public void watchReloadsTheMatchingPluginWhenItsFolderChanges() throws Exception {
        Path source = Files.createDirectories(temp.getRoot().toPath().resolve("src/chain-beta"));
        Path drop = Files.createDirectories(temp.getRoot().toPath().resolve("build"));
        try (RunningKiln watch = RunningKiln.start(kiln.home, "watch", source.toString(), drop.toString(), "--verify", "--cooldown=100")) {
            watch.awaitLine("watching");
            Files.writeString(source.resolve("Beta.java"), "class Beta {}");
            watch.awaitLine("reloaded kiln-sample-chain-beta: 2 reloaded, 0 failed").awaitLine("verified kiln-sample-chain-beta is live");
            Files.write(drop.resolve("watched.jar"), ApiKiln.pluginJar("it-watched", "1.0.0"));
            watch.awaitLine("installed it-watched 1.0.0");
        }
        assertEquals("ACTIVE", JsonParser.parseString(kiln.get("/api/v1/plugins/it-watched").body()).getAsJsonObject().get("state").getAsString());
    }
}
