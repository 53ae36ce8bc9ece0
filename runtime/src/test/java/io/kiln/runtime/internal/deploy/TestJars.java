package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small jars for tests, written on the fly. */
final class TestJars {

    private TestJars() {
    }

    /** 2026-01-01T00:00:00Z. */
    private static final long ENTRY_TIME = 1_767_225_600_000L;

    static Path bundle(Path file, String symbolicName, String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        if (symbolicName != null) {
            main.putValue("Bundle-SymbolicName", symbolicName);
        }
        if (version != null) {
            main.putValue("Bundle-Version", version);
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(entry(JarFile.MANIFEST_NAME));
            manifest.write(jar);
            jar.closeEntry();
            jar.putNextEntry(entry("data/payload.txt"));
            jar.write(("payload of " + symbolicName + " " + version).repeat(50).getBytes());
            jar.closeEntry();
        }
        return file;
    }

    static Path zipWithoutManifest(Path file) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(entry("readme.txt"));
            zip.write("not a bundle".getBytes());
            zip.closeEntry();
        }
        return file;
    }

    /** An entry at a fixed time: the same inputs make the same bytes, whatever the clock says. */
    private static ZipEntry entry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(ENTRY_TIME);
        return entry;
    }
}
