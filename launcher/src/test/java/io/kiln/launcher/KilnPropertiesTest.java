package io.kiln.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class KilnPropertiesTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path home(String properties) throws IOException {
        Path home = temp.newFolder("kiln").toPath();
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve(KilnProperties.FILE), properties);
        return home;
    }

    @Test
    public void resolvesHomeAndOtherEntries() throws IOException {
        Path home = home("""
                a = ${kiln.home}/hot
                b = ${a},${kiln.home}/conf
                regex = [^._].*\\\\.(jar|cfg)
                """);
        Map<String, String> settings = KilnProperties.load(home, new Properties());
        assertEquals(home + "/hot," + home + "/conf", settings.get("b"));
        assertEquals("[^._].*\\.(jar|cfg)", settings.get("regex"));
        assertEquals(home.toString(), settings.get("kiln.home"));
    }

    @Test
    public void aSystemPropertyOverridesTheFileButCannotMoveHome() throws IOException {
        Path home = home("felix.fileinstall.poll = 1000\n");
        Properties system = new Properties();
        system.setProperty("felix.fileinstall.poll", "50");
        system.setProperty("kiln.home", "/elsewhere");
        system.setProperty("unrelated", "x");
        Map<String, String> settings = KilnProperties.load(home, system);
        assertEquals("50", settings.get("felix.fileinstall.poll"));
        assertEquals(home.toString(), settings.get("kiln.home"));
        assertTrue(!settings.containsKey("unrelated"));
    }

    @Test
    public void aReferenceToSystemPropertiesResolves() throws IOException {
        Properties system = new Properties();
        system.setProperty("user.name", "ada");
        assertEquals("ada", KilnProperties.load(home("who = ${user.name}\n"), system).get("who"));
    }

    @Test
    public void anUnsetReferenceNamesTheEntryAndTheReference() throws IOException {
        Path home = home("dir = ${nowhere}/hot\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KilnProperties.load(home, new Properties()));
        assertTrue(e.getMessage(), e.getMessage().contains("'dir'") && e.getMessage().contains("${nowhere}"));
    }

    @Test
    public void aCircleOfReferencesIsReported() throws IOException {
        Path home = home("a = ${b}\nb = ${a}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KilnProperties.load(home, new Properties()));
        assertTrue(e.getMessage(), e.getMessage().contains("circle"));
    }

    @Test
    public void aMissingFileSaysWhereItLooked() throws IOException {
        Path home = temp.newFolder("empty").toPath();
        IOException e = assertThrows(IOException.class, () -> KilnProperties.load(home, new Properties()));
        assertTrue(e.getMessage(), e.getMessage().contains("conf/kiln.properties"));
    }
}
