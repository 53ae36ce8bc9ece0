package io.kiln.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import javax.tools.ToolProvider;

/**
 * Plugin jars the distribution tests build on the fly: compiled with this JVM's javac against its class path, and
 * reproducible (every entry carries the same time), so the same inputs give the same bytes.
 */
public final class TestJars {

    /** 2026-01-01T00:00:00Z: any fixed time will do. */
    private static final long ENTRY_TIME = 1_767_225_600_000L;

    private TestJars() {
    }

    /** @return the manifest headers of a bundle with this name and version */
    static Map<String, String> bundle(String symbolicName, String version) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", symbolicName);
        headers.put("Bundle-Version", version);
        return headers;
    }

    /**
     * Compiles the classes.
     *
     * @param sources each class's source, by fully qualified name
     * @return the class files, by their entry name in a jar
     */
    static Map<String, byte[]> compile(Map<String, String> sources) throws IOException {
        Path work = Files.createTempDirectory("kiln-test-plugin-");
        try {
            Path classes = Files.createDirectories(work.resolve("classes"));
            String[] arguments = Stream.concat(Stream.of("--release", "17", "-classpath", System.getProperty("java.class.path"),
                    "-d", classes.toString()), sources.entrySet().stream().map(source -> write(work, source))).toArray(String[]::new);
            if (ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments) != 0) {
                throw new IllegalStateException("javac failed on " + sources.keySet());
            }
            Map<String, byte[]> entries = new LinkedHashMap<>();
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    entries.put(classes.relativize(file).toString(), Files.readAllBytes(file));
                }
            }
            return entries;
        } finally {
            try (Stream<Path> all = Files.walk(work)) {
                for (Path path : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static String write(Path work, Map.Entry<String, String> source) {
        try {
            Path file = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            return Files.writeString(file, source.getValue()).toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a jar with these manifest headers and entries, in their order */
    public static byte[] jar(Map<String, String> headers, Map<String, byte[]> entries) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach(main::putValue);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            ZipEntry manifestEntry = new ZipEntry("META-INF/MANIFEST.MF");
            manifestEntry.setTime(ENTRY_TIME);
            jar.putNextEntry(manifestEntry);
            manifest.write(jar);
            jar.closeEntry();
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipEntry zip = new ZipEntry(entry.getKey());
                zip.setTime(ENTRY_TIME);
                jar.putNextEntry(zip);
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
