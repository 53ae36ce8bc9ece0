package io.kiln.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.osgi.framework.Constants;

import io.kiln.files.AtomicFiles;

/**
 * Keeps the framework's bundle cache across restarts, except when the distribution has moved.
 * <p>
 * A moved (or copied) Kiln starts from an empty cache: what the cache holds — bundle data areas, FileInstall's
 * view of the files it watched — was made for the folder it was made in, and a copy made while the original runs
 * must not carry over the original's state. Nothing is lost: the core bundles are installed again from
 * {@code system/}, and the runtime reinstalls every plugin from its own records and kept jars ({@code data/kiln}).
 */
final class FrameworkCache {

    /** The framework property naming the folder of the Kiln whose cache this one does not take over (the runtime reads it). */
    static final String MOVED_FROM = "kiln.cache.movedFrom";

    private final Path marker;
    private final Path home;

    FrameworkCache(Folders folders) {
        this.marker = folders.data().resolve("cache.home");
        this.home = folders.home();
    }

    /** @return whether the cache was made by a Kiln at another path */
    boolean moved() {
        try {
            return Files.exists(marker) && !Files.readString(marker, StandardCharsets.UTF_8).trim().equals(home.toString());
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Adds the framework setting that empties a stale cache, and tells the runtime where the cache came from
     * ({@value #MOVED_FROM}), so that it reinstalls the plugins as a move calls for, not as a repair after a crash.
     */
    void configure(Map<String, String> frameworkProperties) {
        if (moved()) {
            frameworkProperties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
            frameworkProperties.put(MOVED_FROM, previousHome());
        }
    }

    private String previousHome() {
        try {
            return Files.readString(marker, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /** Records that the cache now belongs to this Kiln's folder. */
    void claim() throws IOException {
        // written in place, a crash could leave it empty, and an empty marker reads as "moved": the next start would
        // empty the framework cache of a Kiln that never moved
        AtomicFiles.write(marker, home.toString().getBytes(StandardCharsets.UTF_8));
    }
}
