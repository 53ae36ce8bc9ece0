package io.kiln.http.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ApiTokenTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void madeOnceOwnerOnlyAndKept() throws Exception {
        Path file = temp.getRoot().toPath().resolve("data/api-token");
        ApiToken first = ApiToken.loadOrCreate(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String token = Files.readString(file).strip();
        assertTrue(token.length() >= 40);
        assertTrue(first.matches(token));
        assertFalse(first.matches(token + "x"));
        assertFalse(first.matches(null));
        assertTrue(ApiToken.loadOrCreate(file).matches(token));
        assertEquals(token, Files.readString(file).strip());
    }

    @Test(expected = java.io.IOException.class)
    public void aShortTokenIsRefused() throws Exception {
        Path file = temp.getRoot().toPath().resolve("api-token");
        Files.writeString(file, "abc");
        ApiToken.loadOrCreate(file);
    }
}
