package io.kiln.launcher.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * Decides, for a watched jar that changed, whether to send it: only once it is a complete plugin jar (a build deletes
 * and rewrites it, and a half-written zip has no manifest or fails its checksums), and only when its content differs
 * from what was last sent (or was there when watching began), by SHA-256.
 */
final class JarChanges {

    /** What to do with a jar now. */
    enum Verdict {
        /** the file is gone (a build is rewriting it): wait */
        GONE,
        /** not a complete plugin jar yet: wait for the next change */
        INCOMPLETE,
        /** the same content as last sent: nothing to do */
        UNCHANGED,
        /** a complete jar with new content: send {@link Change#bytes()} */
        SEND
    }

    /** One decision; for {@link Verdict#SEND}, the bytes that were checked (the file may change again meanwhile). */
    record Change(Verdict verdict, Path jar, byte[] bytes, String sha256, String plugin) {
    }

    private final Map<Path, String> known = new HashMap<>();

    /** Remembers the content of a jar that is there already, so that rewriting it unchanged sends nothing. */
    void baseline(Path jar) {
        Change now = consider(jar);
        if (now.verdict() == Verdict.SEND) {
            sent(now);
        }
    }

    Change consider(Path jar) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(jar);
        } catch (NoSuchFileException e) {
            return new Change(Verdict.GONE, jar, null, null, null);
        } catch (IOException e) {
            return new Change(Verdict.INCOMPLETE, jar, null, null, null);
        }
        String plugin = symbolicName(bytes);
        if (plugin == null) {
            return new Change(Verdict.INCOMPLETE, jar, null, null, null);
        }
        String sha256 = sha256(bytes);
        if (sha256.equals(known.get(jar))) {
            return new Change(Verdict.UNCHANGED, jar, null, sha256, plugin);
        }
        return new Change(Verdict.SEND, jar, bytes, sha256, plugin);
    }

    /** Records that this content was sent (whatever Kiln answered: the same bytes are never sent twice). */
    void sent(Change change) {
        known.put(change.jar(), change.sha256());
    }

    /** @return the jar's Bundle-SymbolicName if it ends with its central directory and every entry reads back whole, else {@code null} */
    private static String symbolicName(byte[] bytes) {
        if (!hasEndRecord(bytes)) {
            return null; // cut short between two entries: each reads back whole, the directory is missing
        }
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bytes), true)) {
            Manifest manifest = in.getManifest();
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                in.transferTo(java.io.OutputStream.nullOutputStream()); // a truncated entry or a bad CRC throws
            }
            String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            return name == null ? null : name.split(";")[0].strip();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** The zip's end of central directory record (PK 5 6), in the last 64 KiB + 22 bytes where zips put it. */
    private static boolean hasEndRecord(byte[] bytes) {
        for (int i = bytes.length - 22; i >= 0 && i >= bytes.length - 65_557; i--) {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 5 && bytes[i + 3] == 6) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
