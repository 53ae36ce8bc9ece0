package io.kiln.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The folders of one Kiln distribution, checked before the framework starts so that a missing or
 * read-only folder is reported as such, not as a framework stack trace.
 */
record Folders(Path home, Path system, Path conf, Path hot, Path data) {

    /** The launcher's own folders ({@code system/}, {@code data/}); the plugin and section folders as the settings say. */
    static Folders of(Path home, Map<String, String> settings) {
        return new Folders(home, home.resolve("system"), Path.of(settings.getOrDefault("kiln.conf", home.resolve("conf").toString())),
                Path.of(settings.getOrDefault("kiln.hot", home.resolve("hot").toString())), home.resolve("data"));
    }

    /**
     * Creates {@code hot/} and {@code data/} when missing and checks that Kiln can write where it must.
     *
     * @throws LaunchException naming the folder and the cause
     */
    void prepare() throws LaunchException {
        if (!Files.isDirectory(system)) {
            throw new LaunchException("missing folder " + system + ": is " + home + " a Kiln distribution?");
        }
        writable(hot);
        writable(data);
        writable(data.resolve("tmp"));
    }

    private static void writable(Path folder) throws LaunchException {
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".kiln-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new LaunchException("cannot write to " + folder + " (" + e + ")", e);
        }
    }
}
