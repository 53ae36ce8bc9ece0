package io.kiln.fleet.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BlobStoreTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final byte[] jar = "not really a jar, but bytes with a hash".getBytes(StandardCharsets.UTF_8);
    private final String sha = BlobStore.sha256(jar);

    @Test
    public void aJarIsTakenFromTheRepositoryWhenNoNodeHasItAndOnlyWithItsHashAndSize() throws Exception {
        Path repository = temp.newFolder("repository").toPath();
        Files.write(repository.resolve(sha + ".jar"), jar);
        BlobStore store = new BlobStore(temp.newFolder("blobs").toPath(), repository.toUri().toString());
        Path fetched = store.fetch(new ReleasePlugin("it", "1.0.0", sha, jar.length), List.of("http://127.0.0.1:1/"), "secret");
        assertArrayEquals(jar, Files.readAllBytes(fetched));
        assertEquals("kept: the next fetch is local", fetched, store.find(sha).orElseThrow());

        String other = BlobStore.sha256("other".getBytes(StandardCharsets.UTF_8));
        Files.write(repository.resolve(other + ".jar"), jar); // the wrong content under that name
        IOException wrong = assertThrows(IOException.class,
                () -> store.fetch(new ReleasePlugin("it", "2.0.0", other, jar.length), List.of(), "secret"));
        assertTrue(wrong.getMessage(), wrong.getMessage().contains("has SHA-256 " + sha + ", the release says " + other));
        assertTrue(wrong.getMessage(), wrong.getMessage().startsWith("it 2.0.0: no node could give its jar"));
    }

    @Test
    public void everyAddressTriedIsNamedWhenNoneGivesTheJar() {
        BlobStore store = new BlobStore(temp.getRoot().toPath().resolve("blobs"), "");
        IOException e = assertThrows(IOException.class, () -> store.fetch(new ReleasePlugin("it", "1.0.0", sha, jar.length),
                List.of("http://127.0.0.1:1/", "ftp://elsewhere/"), "secret"));
        assertTrue(e.getMessage(), e.getMessage().contains("http://127.0.0.1:1/fleet/blobs/" + sha));
        assertTrue(e.getMessage(), e.getMessage().contains("must be an http or https address with a host, not 'ftp://elsewhere/'"));
    }
}
