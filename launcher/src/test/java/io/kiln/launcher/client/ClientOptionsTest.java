package io.kiln.launcher.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ClientOptionsTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

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
    public void optionsAnywhere() throws Exception {
        ClientOptions options = ClientOptions.parse(List.of("--headless", "reload", "--api-url", "http://127.0.0.1:9/", "x", "--verify", "--json", "--token=t"));
        assertEquals(List.of("reload", "x"), options.words());
        assertTrue(options.flag("--verify"));
        assertTrue(options.json());
        assertEquals("t", options.token());
        assertEquals("http://127.0.0.1:9/", options.apiUrl());
    }

    @Test
    public void addressAndTokenComeFromTheDataFolder() throws Exception {
        Path home = temp.getRoot().toPath();
        Files.createDirectories(home.resolve("data"));
        Files.writeString(home.resolve("data/api-url"), "http://127.0.0.1:18181\n");
        Files.writeString(home.resolve("data/api-token"), "secret-token\n");
        ClientOptions options = ClientOptions.parse(List.of("list"));
        assertEquals("http://127.0.0.1:18181/", options.apiUri(home, Map.of()).toString());
        assertEquals("secret-token", options.token(home, Map.of()));
        Files.delete(home.resolve("data/api-url"));
        assertEquals("http://127.0.0.1:8181/", options.apiUri(home, Map.of()).toString());
    }

    @Test
    public void noTokenIsOneClearLine() {
        try {
            ClientOptions.parse(List.of("list")).token(temp.getRoot().toPath(), Map.of());
        } catch (ClientException e) {
            assertEquals(1, e.exitCode());
            assertTrue(e.getMessage(), e.getMessage().startsWith("no API token"));
            return;
        }
        throw new AssertionError("no exception");
    }

    @Test
    public void usageErrorsExitTwo() throws Exception {
        Path home = temp.getRoot().toPath();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = Client.run(List.of("nonsense"), home, Map.of(), new java.io.PrintStream(out), new java.io.PrintStream(err));
        assertEquals(2, exit);
        assertTrue(err.toString(), err.toString().startsWith("kiln: unknown command 'nonsense'"));
        assertEquals(0, Client.run(List.of("help"), home, Map.of(), new java.io.PrintStream(out), new java.io.PrintStream(err)));
    }
}
