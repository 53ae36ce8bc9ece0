package io.kiln.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts files into a watched folder the way a user's copy tool does: written in full to a staging folder on
 * the same file system, outside every watched folder, then moved in by one atomic rename.
 */
final class Drop {

    private final Path staging;

    Drop(Path staging) throws IOException {
        this.staging = Files.createDirectories(staging);
    }

    /** The staging folder: outside every watched folder, on the same file system. */
    Path staging() {
        return staging;
    }

    /**
     * @return the instant, in epoch microseconds, at which the rename completed: the file is complete and in
     *         place from then on
     */
    long put(Path folder, String name, byte[] content) throws IOException {
        Path partial = Files.createTempFile(staging, name, ".partial");
        Files.write(partial, content);
        Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return Micros.now();
    }

    long put(Path folder, String name, String content) throws IOException {
        return put(folder, name, content.getBytes(StandardCharsets.UTF_8));
    }
}
