package io.kiln.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** A jar written beside {@code hot/}'s plugins under a name the watcher ignores, until it is moved in. */
record StagedJar(Path file, String name, String version) {

    /** Reads the bundle's name and version, checking the hash first when one is given. */
    static StagedJar of(Path file, String sha256) throws IOException {
        if (sha256 != null && !sha256.isBlank()) {
            String actual = sha256(file);
            if (!actual.equalsIgnoreCase(sha256.strip())) {
                throw new ApiException(422, "hash mismatch", "the jar's sha256 is " + actual + ", not " + sha256.strip().toLowerCase(Locale.ROOT));
            }
        }
        Manifest manifest;
        try (JarFile jar = new JarFile(file.toFile())) {
            manifest = jar.getManifest();
        } catch (IOException e) {
            throw new ApiException(422, "not a plugin", "the upload is not a jar: " + e.getMessage());
        }
        String symbolicName = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
        if (symbolicName == null || symbolicName.isBlank()) {
            throw new ApiException(422, "not a plugin", "the jar has no Bundle-SymbolicName: it is not an OSGi bundle");
        }
        String name = symbolicName.split(";", 2)[0].strip();
        String version = manifest.getMainAttributes().getValue("Bundle-Version");
        return new StagedJar(file, PluginNames.check(name), version == null ? "0.0.0" : version.strip());
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
