package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;

import io.kiln.runtime.internal.store.Hashes;

/**
 * A plugin jar copied out of {@code hot/} and checked, so that what is validated is exactly what is
 * installed, whatever happens to the file in {@code hot/} meanwhile.
 *
 * @param source  the file in {@code hot/}
 * @param staged  the checked copy
 * @param sha256  the content's hash
 * @param name    the bundle symbolic name
 * @param version the bundle version
 */
record StagedJar(Path source, Path staged, String sha256, String name, Version version) {

    /** @return whether its source file still holds exactly what was staged (it may have been replaced since) */
    boolean sourceUnchanged() {
        try {
            return Hashes.sha256(Files.readAllBytes(source)).equals(sha256);
        } catch (IOException e) {
            return false;
        }
    }

    /** @return this jar as if it came from a file of that name in {@code hot/}, for what Kiln says of it */
    StagedJar named(String fileName) {
        return new StagedJar(source.resolveSibling(fileName), staged, sha256, name, version);
    }

    /** The file changed while it was being read: someone is still writing it. */
    static final class StillBeingWritten extends Exception {
        private static final long serialVersionUID = 1L;

        StillBeingWritten(Path file) {
            super(file + " changed while it was read");
        }
    }

    /**
     * Copies and checks a jar: a readable zip whose every entry is intact, with an OSGi manifest naming a
     * symbolic name and a valid version.
     *
     * @throws RejectedException  naming the file and what is wrong with it
     * @throws StillBeingWritten  if the file changed while it was read
     */
    static StagedJar stage(Path source, Path stagingFolder) throws RejectedException, StillBeingWritten {
        return stage(source, stagingFolder, "");
    }

    /**
     * As {@link #stage(Path, Path)}, checking the content's hash first.
     *
     * @param expectedSha256 the SHA-256 the jar must have, in hex (any case), or empty to take it as it is
     */
    static StagedJar stage(Path source, Path stagingFolder, String expectedSha256) throws RejectedException, StillBeingWritten {
        byte[] bytes = readStable(source);
        String sha256 = Hashes.sha256(bytes);
        String expected = expectedSha256.strip().toLowerCase(java.util.Locale.ROOT);
        if (!expected.isEmpty() && !expected.equals(sha256)) {
            throw new RejectedException(source.getFileName() + ": its SHA-256 is " + sha256 + ", not " + expected
                    + " as expected: not the jar that was meant, or damaged on the way");
        }
        Path staged = stagingFolder.resolve(sha256 + ".jar");
        try {
            if (!holds(staged, sha256)) {
                writeScratch(staged, bytes);
            }
        } catch (IOException e) {
            throw new RejectedException(source.getFileName() + ": cannot stage a copy in " + stagingFolder + ": " + e);
        }
        try {
            Manifest manifest = checkJar(source, staged);
            Attributes main = manifest.getMainAttributes();
            String name = symbolicName(source, main.getValue(Constants.BUNDLE_SYMBOLICNAME));
            Version version = version(source, main.getValue(Constants.BUNDLE_VERSION));
            return new StagedJar(source, staged, sha256, name, version);
        } catch (RejectedException e) {
            discard(staged);
            throw new RejectedException(e.getMessage(), sha256);
        }
    }

    /** @return the SHA-256 of the file's content, or empty if it cannot be read or changed while it was read */
    static java.util.Optional<String> hashOf(Path source) {
        try {
            return java.util.Optional.of(Hashes.sha256(readStable(source)));
        } catch (RejectedException | StillBeingWritten e) {
            return java.util.Optional.empty();
        }
    }

    private static byte[] readStable(Path source) throws RejectedException, StillBeingWritten {
        try {
            BasicFileAttributes before = Files.readAttributes(source, BasicFileAttributes.class);
            byte[] bytes = Files.readAllBytes(source);
            BasicFileAttributes after = Files.readAttributes(source, BasicFileAttributes.class);
            if (before.size() != after.size() || bytes.length != after.size()
                    || !before.lastModifiedTime().equals(after.lastModifiedTime())) {
                throw new StillBeingWritten(source);
            }
            return bytes;
        } catch (IOException e) {
            throw new RejectedException(source.getFileName() + ": cannot read the file: " + e);
        }
    }

    private static Manifest checkJar(Path source, Path staged) throws RejectedException {
        String file = source.getFileName().toString();
        try (JarFile jar = new JarFile(staged.toFile(), true)) {
            Enumeration<JarEntry> entries = jar.entries();
            byte[] buffer = new byte[8192];
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                // reading every entry checks its CRC: a damaged or truncated entry fails here, not at class loading
                try (InputStream in = jar.getInputStream(entry)) {
                    while (in.read(buffer) >= 0) {
                        // drain
                    }
                }
            }
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                throw new RejectedException(file + ": not an OSGi bundle: the jar has no META-INF/MANIFEST.MF");
            }
            return manifest;
        } catch (IOException | SecurityException e) {
            throw new RejectedException(file + ": not a readable jar (corrupt or truncated): " + e.getMessage());
        }
    }

    private static String symbolicName(Path source, String header) throws RejectedException {
        String name = header == null ? "" : header.split(";", 2)[0].trim();
        if (name.isEmpty()) {
            throw new RejectedException(source.getFileName() + ": not an OSGi bundle: the manifest has no Bundle-SymbolicName");
        }
        return name;
    }

    private static Version version(Path source, String header) throws RejectedException {
        try {
            return Version.parseVersion(header == null ? null : header.trim());
        } catch (IllegalArgumentException e) {
            throw new RejectedException(source.getFileName() + ": Bundle-Version '" + header + "' is not an OSGi version: " + e.getMessage());
        }
    }

    /** Whether a staged copy is there and intact: one left by a crash may be torn, its name notwithstanding. */
    private static boolean holds(Path staged, String sha256) {
        try {
            return Files.exists(staged) && Hashes.sha256(Files.readAllBytes(staged)).equals(sha256);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes a staged copy, atomically for a concurrent stage of the same jar but not synced to the disk: it is
     * scratch, thrown away after its change; the kept build ({@code VersionStore}) is what must survive a crash.
     */
    private static void writeScratch(Path staged, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(Files.createDirectories(staged.getParent()), "." + staged.getFileName(), ".tmp");
        try {
            Files.write(temp, bytes);
            Files.move(temp, staged, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static void discard(Path staged) {
        try {
            Files.deleteIfExists(staged);
        } catch (IOException ignored) {
            // a stale staged copy is harmless and cleaned up with the staging folder
        }
    }

    /** @return the file name in {@code hot/} */
    String fileName() {
        return source.getFileName().toString();
    }
}
