package io.kiln.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Jars as bytes, written reproducibly: the manifest first, then the entries in the order given, every entry with the
 * same fixed time, so that the same content makes the same bytes whatever the clock says.
 */
final class JarBytes {

    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2026, 1, 1, 0, 0);

    /** A jar's manifest and its other entries, in the jar's order. */
    record Content(Manifest manifest, Map<String, byte[]> entries) {
    }

    private JarBytes() {
    }

    static byte[] write(Manifest manifest, Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            jar.putNextEntry(entry(JarFile.MANIFEST_NAME));
            manifest.write(jar);
            jar.closeEntry();
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jar.putNextEntry(entry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Content read(byte[] jar) {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            if (in.getManifest() == null) {
                throw new IOException("a jar without a manifest first");
            }
            Map<String, byte[]> entries = new LinkedHashMap<>();
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
            return new Content(new Manifest(in.getManifest()), entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JarEntry entry(String name) {
        JarEntry entry = new JarEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        return entry;
    }
}
