package io.kiln.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Constants;

public class FrameworkCacheTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aCacheClaimedHereIsKept() throws Exception {
        Folders folders = folders("kiln");
        new FrameworkCache(folders).claim();
        Map<String, String> properties = new HashMap<>();
        new FrameworkCache(folders).configure(properties);
        assertFalse(new FrameworkCache(folders).moved());
        assertFalse(properties.containsKey(Constants.FRAMEWORK_STORAGE_CLEAN));
    }

    @Test
    public void aCacheCopiedFromAnotherFolderIsEmptied() throws Exception {
        Folders original = folders("original");
        new FrameworkCache(original).claim();
        Folders copy = folders("copy");
        Files.copy(original.data().resolve("cache.home"), copy.data().resolve("cache.home"));
        Map<String, String> properties = new HashMap<>();
        new FrameworkCache(copy).configure(properties);
        assertTrue(new FrameworkCache(copy).moved());
        assertEquals(Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT, properties.get(Constants.FRAMEWORK_STORAGE_CLEAN));
    }

    @Test
    public void aFirstStartHasNothingToEmpty() throws Exception {
        assertFalse(new FrameworkCache(folders("fresh")).moved());
    }

    private Folders folders(String name) throws Exception {
        Path home = temp.newFolder(name).toPath();
        Files.createDirectories(home.resolve("data"));
        return Folders.of(home, java.util.Map.of());
    }
}
