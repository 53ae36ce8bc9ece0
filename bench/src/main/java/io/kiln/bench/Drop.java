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

    /**
     * An editor's safe save of {@code file}: the new content written in full in the staging folder, then renamed over
     * the file.
     *
     * @return the instant, in epoch microseconds, at which the rename completed
     */
    long save(Path file, String content) throws IOException {
        return put(file.getParent(), file.getFileName().toString(), content);
    }

    /** Writes a whole folder's content into a staged folder. */
    interface FolderContent {
        void write(Path staged) throws IOException;
    }

    /**
     * A folder (a plugin's sources) written in full in the staging folder, then moved into {@code folder} as
     * {@code name} by one atomic rename.
     *
     * @return the instant, in epoch microseconds, at which the rename completed
     */
    long putFolder(Path folder, String name, FolderContent content) throws IOException {
        Path staged = Files.createTempDirectory(staging, name);
        content.write(staged);
        Files.move(staged, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return Micros.now();
    }

    /** Takes a folder out of a watched folder by one atomic rename into the staging folder, then deletes it there. */
    void takeOut(Path folder) throws IOException {
        Path gone = Files.createTempDirectory(staging, folder.getFileName() + ".gone");
        Path moved = gone.resolve(folder.getFileName());
        Files.move(folder, moved, StandardCopyOption.ATOMIC_MOVE);
        FileTrees.delete(gone);
    }
}
