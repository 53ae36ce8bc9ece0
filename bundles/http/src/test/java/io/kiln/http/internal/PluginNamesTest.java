package io.kiln.http.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import org.junit.Test;

public class PluginNamesTest {

    @Test
    public void symbolicNamesPass() {
        assertEquals("kiln-sample-chain-alpha", PluginNames.check("kiln-sample-chain-alpha"));
        assertEquals("org.example.my_plugin", PluginNames.check("org.example.my_plugin"));
    }

    @Test
    public void pathsAndOddCharactersAreRefused() {
        for (String name : new String[] { "..", "...", "a/b", "../etc", "a\\b", ".hidden", "-x", "a..b", "a b", "a\u0000b", "", "x".repeat(201) }) {
            try {
                PluginNames.check(name);
                fail(name + " passed");
            } catch (ApiException e) {
                assertEquals(400, e.status());
            }
        }
    }
}
