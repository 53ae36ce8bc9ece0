package io.kiln.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes probe bundles: a manifest plus the probe classes of {@code io.kiln.bench.probe}, copied from the
 * harness's own jar. No bnd needed: an activator-only bundle is a manifest and three classes.
 * <p>
 * The harness never loads the probe classes (they need the OSGi API, which it does not carry); it only reads
 * their bytes, so they are named here as strings.
 */
final class ProbeJar {

    private static final String PROBE_PACKAGE = "io.kiln.bench.probe";
    private static final List<String> CLASSES = List.of("Stamp", "ProbeActivator", "ConfigProbe");

    private ProbeJar() {
    }

    /** A bundle whose activator records its start and stop in {@code out}. */
    static byte[] activator(String symbolicName, String version, Path out) {
        Manifest manifest = manifest(symbolicName, version, out);
        manifest.getMainAttributes().putValue("Bundle-Activator", PROBE_PACKAGE + ".ProbeActivator");
        manifest.getMainAttributes().putValue("Import-Package", "org.osgi.framework;version=\"[1.8,2)\"");
        return jar(manifest);
    }

    /** A bundle with a {@code ManagedService} for {@code pid} that records each new {@code stamp} in {@code out}. */
    static byte[] configProbe(String symbolicName, String version, Path out, String pid) {
        Manifest manifest = manifest(symbolicName, version, out);
        Attributes main = manifest.getMainAttributes();
        main.putValue("Bundle-Activator", PROBE_PACKAGE + ".ConfigProbe");
        main.putValue("Import-Package", "org.osgi.framework;version=\"[1.8,2)\",org.osgi.service.cm;version=\"[1.5,2)\"");
        main.putValue("Kiln-Bench-Pid", pid);
        return jar(manifest);
    }

    private static Manifest manifest(String symbolicName, String version, Path out) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        main.putValue("Kiln-Bench-Out", out.toAbsolutePath().toString());
        return manifest;
    }

    private static byte[] jar(Manifest manifest) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (String simpleName : CLASSES) {
                String entry = PROBE_PACKAGE.replace('.', '/') + "/" + simpleName + ".class";
                jar.putNextEntry(new JarEntry(entry));
                jar.write(classFile(entry));
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] classFile(String entry) throws IOException {
        try (InputStream in = ProbeJar.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IOException("the harness jar lacks " + entry + ": rebuild it (mvn -pl bench package)");
            }
            return in.readAllBytes();
        }
    }
}
