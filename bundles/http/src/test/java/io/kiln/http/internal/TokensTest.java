package io.kiln.http.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TokensTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Tokens tokens;
    private String api;
    private String metrics;

    @Before
    public void makeTokens() throws Exception {
        Path data = temp.getRoot().toPath();
        tokens = new Tokens(ApiToken.loadOrCreate(data.resolve("api-token")), ApiToken.loadOrCreate(data.resolve("metrics-token"), "metrics token"));
        api = Files.readString(data.resolve("api-token")).strip();
        metrics = Files.readString(data.resolve("metrics-token")).strip();
    }

    @Test
    public void theApiTokenOpensEverything() {
        assertTrue(tokens.admit("POST", "/api/v1/plugins/x/reload", api));
        assertTrue(tokens.admit("GET", "/api/v1/status", api));
        assertTrue(tokens.admit("GET", "/metrics", api));
    }

    @Test
    public void theMetricsTokenOnlyReadsTheMetrics() {
        assertTrue(tokens.admit("GET", "/metrics", metrics));
        assertTrue(tokens.admit("HEAD", "/metrics", metrics));
        assertFalse(tokens.admit("POST", "/metrics", metrics));
        assertFalse(tokens.admit("GET", "/api/v1/status", metrics));
        assertFalse(tokens.admit("POST", "/api/v1/plugins/x/reload", metrics));
        assertFalse(tokens.admit("GET", "/metrics/", metrics));
    }

    @Test
    public void noTokenOrAnotherOneOpensNothing() {
        assertFalse(tokens.admit("GET", "/metrics", null));
        assertFalse(tokens.admit("GET", "/metrics", "wrong-token-wrong-token"));
        assertFalse(tokens.admit("GET", "/api/v1/status", metrics + "x"));
    }

    @Test
    public void theMetricsTokenIsKnownAsSuchSoThatItsRefusalSaysWhatItOpens() {
        assertTrue(tokens.isMetricsToken(metrics));
        assertFalse(tokens.isMetricsToken(api));
        assertFalse(tokens.isMetricsToken("not-a-token"));
        assertFalse(tokens.isMetricsToken(null));
    }
}
