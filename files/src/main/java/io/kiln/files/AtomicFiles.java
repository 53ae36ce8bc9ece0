package io.kiln.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * The one way Kiln writes its own files, so that a crash, a {@code kill -9} or a power cut at any moment leaves each
 * of them as it was or as it was meant to be, never half-written, and a write that returned is on the disk.
 * <p>
 * A replacement is written to a temporary file beside the target, synced ({@code fsync}), renamed over the target
 * (atomic within one folder), and then the folder is synced so that the rename itself survives a power cut. An
 * append is synced before it returns. Where a platform cannot open a folder to sync it (Windows), the rename is as
 * durable as that platform makes it.
 * <p>
 * Each of these steps is a point where {@link CrashPoints}, a test-only hook, can stop the process.
 */
public final class AtomicFiles {

    /** Read and write for the file's owner, nobody else. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /**
     * Replaces the target's content, or creates it. A file replaced keeps its POSIX permissions; a new one is readable
     * by its owner only.
     *
     * @throws IOException if it cannot be written; the target is then as it was, and no temporary file is left
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        replace(target, bytes, null);
    }

    /**
     * As {@link #write(Path, byte[])}, the file getting these POSIX permissions, set on the temporary file before it
     * is written, so that the content is never readable by others, not even for a moment.
     *
     * @throws UnsupportedOperationException if the file system has no POSIX permissions (nothing is written)
     */
    public static void write(Path target, byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
        if (Files.getFileAttributeView(folderOf(target), PosixFileAttributeView.class) == null) {
            throw new UnsupportedOperationException(target + ": this file system has no POSIX permissions");
        }
        replace(target, bytes, permissions);
    }

    /**
     * Appends to the file, creating it if need be, and returns once the bytes are on the disk. A crash during the
     * append can leave a prefix of them at the end of the file: a journal written so must tell a torn last entry.
     */
    public static void append(Path file, byte[] bytes) throws IOException {
        Path folder = createFolders(folderOf(file));
        boolean created = !Files.exists(file);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            writeFully(out, bytes);
            CrashPoints.step("appended to", file);
            out.force(true);
            CrashPoints.step("synced the append to", file);
        }
        if (created) {
            syncFolder(folder);
        }
    }

    /**
     * Deletes the file if it is there, and syncs its folder so that the deletion survives a power cut.
     *
     * @return whether it was there
     */
    public static boolean delete(Path file) throws IOException {
        boolean deleted = Files.deleteIfExists(file);
        if (deleted) {
            CrashPoints.step("deleted", file);
            syncFolder(folderOf(file));
        }
        return deleted;
    }

    /**
     * Syncs a folder's entries (the names created, renamed or deleted in it) to the disk. A platform that cannot open
     * a folder, or cannot sync one, makes its renames as durable as it can without: that is not an error here.
     */
    public static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
            CrashPoints.step("synced the folder", folder);
        } catch (IOException | UnsupportedOperationException cannot) {
            // Windows refuses to open a folder; some file systems refuse to sync one (EINVAL). The file itself was
            // synced before its rename, and failing now would report as not written what readers already see.
        }
    }

    private static void replace(Path target, byte[] bytes, Set<PosixFilePermission> asked) throws IOException {
        Path folder = createFolders(folderOf(target));
        Set<PosixFilePermission> permissions = asked != null ? asked : permissionsOf(target);
        Path temp = createTemp(folder, target.getFileName().toString());
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                writeFully(out, bytes);
                CrashPoints.step("wrote the temporary file", temp);
                if (permissions != null) {
                    // after the bytes (a read-only file's own mode would forbid writing them), before the sync, which
                    // puts the mode on the disk with them
                    Files.setPosixFilePermissions(temp, permissions);
                }
                out.force(true);
                CrashPoints.step("synced the temporary file", temp);
            }
            // within one folder a rename is atomic on every platform Java runs on: no fallback that would not be
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            CrashPoints.step("renamed the temporary file over", target);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        syncFolder(folder);
    }

    /**
     * Creates the folder and any missing parent, syncing the parent of each one created: a file synced in a folder
     * whose own name was lost to a power cut would be lost with it.
     */
    private static Path createFolders(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return folder;
        }
        Deque<Path> missing = new ArrayDeque<>();
        for (Path f = folder; f != null && !Files.exists(f); f = f.getParent()) {
            missing.push(f);
        }
        Files.createDirectories(folder);
        for (Path created : missing) {
            if (created.getParent() != null) {
                syncFolder(created.getParent());
            }
        }
        return folder;
    }

    /**
     * A new, empty temporary file beside the target, its name starting with a dot so that folder watchers skip it, and
     * readable by its owner only while it is written (on a POSIX file system).
     */
    private static Path createTemp(Path folder, String name) throws IOException {
        boolean posix = Files.getFileAttributeView(folder, PosixFileAttributeView.class) != null;
        while (true) {
            Path temp = folder.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                return posix ? Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY)) : Files.createFile(temp);
            } catch (FileAlreadyExistsException taken) {
                // another writer's temporary file by that name: draw another
            }
        }
    }

    /**
     * The target's permissions if it exists, else owner-only (what {@link Files#createTempFile} gave Kiln's files
     * before); {@code null} where the file system has none.
     */
    private static Set<PosixFilePermission> permissionsOf(Path target) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view == null) {
            return null;
        }
        return Files.exists(target) ? view.readAttributes().permissions() : OWNER_ONLY;
    }

    private static void writeFully(FileChannel out, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static Path folderOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IllegalArgumentException(file + " is not a file in a folder");
        }
        return parent;
    }
}
