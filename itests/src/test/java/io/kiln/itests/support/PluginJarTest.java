package io.kiln.itests.support;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The jars the integration tests build are the same bytes every time: no test depends on the clock. */
public class PluginJarTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aCopyWithAnotherVersionIsReproducible() throws IOException {
        Path built = PluginJar.phrase("itest.repro", "1.0.0", "repro", "return \"r\";").writeTo(temp.getRoot().toPath().resolve("v1.jar"));
        Path first = PluginJar.withVersion(built, "2.0.0", temp.getRoot().toPath().resolve("a.jar"));
        Path second = PluginJar.withVersion(built, "2.0.0", temp.getRoot().toPath().resolve("b.jar"));
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        try (JarFile jar = new JarFile(first.toFile())) {
            assertEquals("2.0.0", jar.getManifest().getMainAttributes().getValue("Bundle-Version"));
            assertEquals(1_767_225_600_000L, jar.getEntry(JarFile.MANIFEST_NAME).getTime());
        }
    }

    @Test
    public void aBuildFromTheSameSourcesIsReproducible() throws IOException {
        PluginJar plugin = PluginJar.phrase("itest.repro", "1.0.0", "repro", "return \"r\";");
        assertArrayEquals(Files.readAllBytes(plugin.writeTo(temp.getRoot().toPath().resolve("a.jar"))),
                Files.readAllBytes(plugin.writeTo(temp.getRoot().toPath().resolve("b.jar"))));
    }

    @Test
    public void aPlainZipIsReproducible() throws IOException {
        Map<String, byte[]> entries = Map.of("readme.txt", "not a bundle".getBytes());
        assertArrayEquals(Files.readAllBytes(PluginJar.zip(temp.getRoot().toPath().resolve("a.zip"), entries)),
                Files.readAllBytes(PluginJar.zip(temp.getRoot().toPath().resolve("b.zip"), entries)));
    }
}
