package io.kiln.launcher.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import picocli.CommandLine.ParseResult;

public class ClientOptionsTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Client.run(List.of(args), temp.getRoot().toPath(), Map.of(), new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    public void aWordMeansTheClientOptionsAloneMeanRunningKiln() {
        assertTrue(Client.wanted(List.of("--headless", "list")));
        assertTrue(Client.wanted(List.of("--json")));
        assertFalse(Client.wanted(List.of()));
        assertFalse(Client.wanted(List.of("--headless")));
        assertFalse(Client.wanted(List.of("--help")));
        assertFalse(Client.wanted(List.of("--bogus")));
    }

    @Test
    public void optionsAnywhere() {
        KilnCommand kiln = new KilnCommand(temp.getRoot().toPath(), Map.of(), new PrintStream(out));
        ParseResult parsed = Client.commandLine(kiln)
                .parseArgs("--headless", "reload", "--api-url", "http://127.0.0.1:9/", "x", "--verify", "--json", "--token=t");
        ReloadCommand reload = (ReloadCommand) parsed.subcommand().commandSpec().userObject();
        assertEquals("x", reload.name);
        assertTrue(reload.verify);
        assertTrue(kiln.options.json);
        assertEquals("t", kiln.options.token);
        assertEquals("http://127.0.0.1:9/", kiln.options.apiUrl);
    }

    @Test
    public void addressAndTokenComeFromTheDataFolder() throws Exception {
        Path home = temp.getRoot().toPath();
        Files.createDirectories(home.resolve("data"));
        settings(home);
        Files.writeString(home.resolve("data/api-url"), "http://127.0.0.1:18181\n");
        Files.writeString(home.resolve("data/api-token"), "secret-token\n");
        ClientOptions options = new ClientOptions();
        assertEquals("http://127.0.0.1:18181/", options.apiUri(home, Map.of()).toString());
        assertEquals("secret-token", options.token(home, Map.of()));
        Files.writeString(home.resolve("data/api-url"), "http://127.0.0.1:18182/\npid=" + ProcessHandle.current().pid() + "\nhome=" + home.toRealPath() + "\n");
        assertEquals("http://127.0.0.1:18182/", options.apiUri(home, Map.of()).toString());
        Files.delete(home.resolve("data/api-url"));
        // no default address: the token would go to whichever Kiln listens there
        ClientException none = assertThrows(ClientException.class, () -> options.apiUri(home, Map.of()));
        assertTrue(none.getMessage(), none.getMessage().contains("is not running (it writes data/api-url once its API listens)"));
        assertEquals("http://127.0.0.1:9/", options.apiUri(home, Map.of("KILN_API_URL", "http://127.0.0.1:9")).toString());
    }

    @Test
    public void anAddressWrittenForAnotherFolderIsRefused() throws Exception {
        Path home = temp.newFolder("copy").toPath();
        Path original = temp.newFolder("original").toPath().toRealPath();
        Files.createDirectories(home.resolve("data"));
        settings(home);
        long pid = ProcessHandle.current().pid();
        Files.writeString(home.resolve("data/api-url"), "http://127.0.0.1:18181/\npid=" + pid + "\nhome=" + original + "\n");
        ClientException e = assertThrows(ClientException.class, () -> new ClientOptions().apiUri(home, Map.of()));
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage(), e.getMessage().startsWith("Kiln in " + home.toRealPath() + " is not running; data/api-url belongs to "
                + original + " (pid " + pid + ")"));
    }

    @Test
    public void anAddressLeftByAnEndedProcessIsRefused() throws Exception {
        Path home = temp.getRoot().toPath();
        Files.createDirectories(home.resolve("data"));
        settings(home);
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.writeString(home.resolve("data/api-url"), "http://127.0.0.1:18181/\npid=" + ended.pid() + "\nhome=" + home.toRealPath() + "\n");
        ClientException e = assertThrows(ClientException.class, () -> new ClientOptions().apiUri(home, Map.of()));
        assertTrue(e.getMessage(), e.getMessage().contains("is not running; data/api-url is left from pid " + ended.pid() + ", which has ended"));
    }

    @Test
    public void noTokenIsOneClearLine() throws Exception {
        settings(temp.getRoot().toPath());
        ClientException e = assertThrows(ClientException.class, () -> new ClientOptions().token(temp.getRoot().toPath(), Map.of()));
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage(), e.getMessage().startsWith("no API token"));
    }

    @Test
    public void outsideADistributionTheClientSaysSo() {
        ClientException e = assertThrows(ClientException.class, () -> new ClientOptions().token(temp.getRoot().toPath(), Map.of()));
        assertTrue(e.getMessage(), e.getMessage().contains("conf/kiln.properties: is ") && e.getMessage().endsWith("a Kiln distribution?"));
    }

    @Test
    public void usageErrorsExitTwo() {
        assertEquals(2, run("nonsense"));
        assertTrue(err.toString(), err.toString().startsWith("kiln: unknown command 'nonsense' ('kiln help' lists the commands)"));
        assertEquals(2, run("reload"));
        assertTrue(err.toString(), err.toString().startsWith("kiln: reload: missing required parameter: 'NAME'"));
        assertEquals(2, run("reload", "x", "--bogus"));
        assertTrue(err.toString(), err.toString().startsWith("kiln: unknown option '--bogus' for reload"));
        assertEquals(2, run("history", "many"));
        assertEquals(2, run("--json"));
        assertTrue(out.toString(), out.toString().startsWith("Usage: kiln "));
    }

    @Test
    public void helpForEveryCommand() {
        assertEquals(0, run("help"));
        for (String command : List.of("status", "list", "show", "reload", "reload-all", "install", "remove", "enable", "disable",
                "rollback", "history", "config", "skills", "agents", "watch")) {
            assertTrue(out.toString(), out.toString().contains("  " + command + " "));
        }
        assertEquals(0, run("reload", "--help"));
        assertTrue(out.toString(), out.toString().startsWith("Usage: kiln reload ") && out.toString().contains("--verify"));
        assertEquals(0, run("config", "set", "--help"));
        assertTrue(out.toString(), out.toString().startsWith("Usage: kiln config set ") && out.toString().contains("PID KEY") && out.toString().contains("VALUE"));
        assertEquals(0, run("help", "watch"));
        assertTrue(out.toString(), out.toString().contains("--cooldown=MS"));
    }

    /** The two settings of conf/kiln.properties the client reads, as the distribution has them. */
    private static void settings(Path home) throws java.io.IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/kiln.properties"),
                "kiln.api.url.file = ${kiln.home}/data/api-url\nkiln.api.token.file = ${kiln.home}/data/api-token\n");
    }
}
