package io.kiln.launcher.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.kiln.launcher.TestJars;
import io.kiln.launcher.client.JarChanges.Verdict;

/** What {@code kiln watch} does with a build's jar: sent once complete and changed, never the same content twice. */
public class WatchTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    static byte[] jar(String name, String version) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            entries.put("file" + i + ".txt", ("plugin " + name + " " + version + " ").repeat(200).getBytes());
        }
        return TestJars.jar(Map.of("Bundle-SymbolicName", name, "Bundle-Version", version), entries);
    }

    @Test
    public void aRebuiltJarIsSentOnceCompleteAndOnlyWhenItsContentChanged() throws Exception {
        Path file = temp.getRoot().toPath().resolve("my-plugin.jar");
        byte[] v1 = jar("my-plugin", "1.0.0");
        byte[] v2 = jar("my-plugin", "2.0.0");
        Files.write(file, v1);
        JarChanges changes = new JarChanges();
        changes.baseline(file); // there when watching began
        assertEquals(Verdict.UNCHANGED, changes.consider(file).verdict());

        Files.delete(file); // the build deletes it...
        assertEquals(Verdict.GONE, changes.consider(file).verdict());
        Files.write(file, Arrays.copyOf(v2, v2.length / 2)); // ...is half-way through writing it...
        assertEquals(Verdict.INCOMPLETE, changes.consider(file).verdict());
        Files.write(file, Arrays.copyOf(v2, v2.length - 30)); // ...has written every entry but not the directory
        assertEquals(Verdict.INCOMPLETE, changes.consider(file).verdict());
        Files.write(file, v2); // ...and is done
        JarChanges.Change change = changes.consider(file);
        assertEquals(Verdict.SEND, change.verdict());
        assertEquals("my-plugin", change.plugin());
        assertTrue(Arrays.equals(v2, change.bytes()));
        changes.sent(change);

        Files.write(file, v2); // rewritten, same bytes
        assertEquals(Verdict.UNCHANGED, changes.consider(file).verdict());
        Files.write(file, v1); // back to the old content: a change again
        assertEquals(Verdict.SEND, changes.consider(file).verdict());
    }

    @Test
    public void aSourceFolderIsRefusedWithTheFolderToWatchInstead() throws Exception {
        Path project = temp.newFolder("my-plugin").toPath();
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Files.createDirectories(project.resolve("src/main/java"));
        ClientException e = assertThrows(ClientException.class, () -> JarFolder.check(project));
        assertTrue(e.getMessage(), e.getMessage().contains("kiln watch installs built plugin jars, and " + project + " holds none"));
        assertTrue(e.getMessage(), e.getMessage().contains("'mvn package'") && e.getMessage().contains(project.resolve("target") + " (no jar there yet)"));
        assertTrue(e.getMessage(), e.getMessage().contains("or let dev mode build it from its sources: kiln dev " + project));

        Files.createDirectories(project.resolve("target"));
        Files.write(project.resolve("target/my-plugin-1.0.0.jar"), jar("my-plugin", "1.0.0"));
        e = assertThrows(ClientException.class, () -> JarFolder.check(project.resolve("src")));
        assertTrue(e.getMessage(), e.getMessage().contains(project.resolve("target") + " (now my-plugin-1.0.0.jar)"));

        JarFolder.check(project.resolve("target")); // jars: fine
        JarFolder.check(temp.newFolder("empty").toPath()); // no sources either: jars may come
    }
}
