package io.kiln.launcher;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FoldersTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void createsHotAndData() throws Exception {
        Path home = temp.newFolder("kiln").toPath();
        Files.createDirectories(home.resolve("system"));
        Folders.of(home, java.util.Map.of()).prepare();
        assertTrue(Files.isDirectory(home.resolve("hot")));
        assertTrue(Files.isDirectory(home.resolve("data/tmp")));
    }

    @Test
    public void aDataFolderThatCannotBeCreatedIsNamed() throws IOException {
        Path home = temp.newFolder("kiln").toPath();
        Files.createDirectories(home.resolve("system"));
        Files.writeString(home.resolve("data"), "a file where the folder should be");
        LaunchException e = assertThrows(LaunchException.class, () -> Folders.of(home, java.util.Map.of()).prepare());
        assertTrue(e.getMessage(), e.getMessage().startsWith("cannot write to " + home.resolve("data")));
    }

    @Test
    public void withoutSystemItIsNotADistribution() throws IOException {
        Path home = temp.newFolder("kiln").toPath();
        LaunchException e = assertThrows(LaunchException.class, () -> Folders.of(home, java.util.Map.of()).prepare());
        assertTrue(e.getMessage(), e.getMessage().contains("is " + home + " a Kiln distribution?"));
    }
}
