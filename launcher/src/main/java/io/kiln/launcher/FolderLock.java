package io.kiln.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One Kiln per folder: two on the same {@code data/} would share a framework cache, plugin records and state. A lock
 * on {@code data/kiln.lock}, held as long as this process runs; the operating system lets it go when the process
 * ends however it ends ({@code kill -9} included). A copy of the folder is another folder, with a lock of its own.
 */
final class FolderLock {

    /** Held until the JVM exits: the lock lives as long as its channel. */
    private static FileChannel held;

    private FolderLock() {
    }

    /** @throws LaunchException when another Kiln runs in this folder, naming its process */
    static synchronized void take(Folders folders) throws LaunchException {
        Path file = folders.data().resolve("kiln.lock");
        try {
            Files.createDirectories(folders.data());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String other = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new LaunchException("Kiln already runs in " + folders.home() + (other.isEmpty() ? "" : " (pid " + other + ")")
                        + ": one Kiln per folder; stop that one first, or copy the folder to run another");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            held = channel;
        } catch (IOException e) {
            throw new LaunchException("cannot lock " + file + " (" + e + ")", e);
        }
    }
}
