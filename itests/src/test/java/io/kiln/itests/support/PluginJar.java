package io.kiln.itests.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.service.component.annotations.Component;

import aQute.bnd.osgi.Constants;
import io.kiln.runtime.internal.build.PluginSources;
import io.kiln.runtime.internal.build.SourceBuilder;
import io.kiln.sample.phrase.Phrase;

/**
 * Builds a plugin jar from Java source, as a plugin author's build would, with Kiln's own {@link SourceBuilder}: the
 * JDK's compiler, then bnd writes the OSGi manifest and the Declarative Services descriptors.
 * <p>
 * Runs in the driver JVM (a test's {@code @Configuration} method), where the compiler and bndlib are on the class
 * path. The sources may use the sample API ({@link Phrase}), the DS annotations, the OSGi framework API, Kiln's
 * plugin API and the Felix Health Check API.
 */
public final class PluginJar {

    private final String symbolicName;
    private final String version;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<File> against = new ArrayList<>();
    private static SourceBuilder builder;

    private PluginJar(String symbolicName, String version) {
        this.symbolicName = symbolicName;
        this.version = version;
    }

    public static PluginJar named(String symbolicName, String version) {
        return new PluginJar(symbolicName, version);
    }

    /**
     * A plugin with one Declarative Services component that says {@code sayBody} as a {@link Phrase} service with the
     * service property {@code phrase=kind}. Two versions of one plugin differ only in {@code sayBody}: the same class,
     * different code.
     *
     * @param sayBody the body of {@code String say(String name)}, for example {@code return "Hello, " + name;}
     */
    public static PluginJar phrase(String symbolicName, String version, String kind, String sayBody) {
        String pkg = "io.kiln.itests.plugin." + kind.replaceAll("[^A-Za-z0-9]", "_");
        return named(symbolicName, version).source(pkg + ".PluginPhrase", """
                package %s;

                import org.osgi.service.component.annotations.Component;

                import io.kiln.sample.phrase.Phrase;

                @Component(property = Phrase.KIND + "=%s")
                public class PluginPhrase implements Phrase {
                    @Override
                    public String say(String name) {
                        %s
                    }
                }
                """.formatted(pkg, kind, sayBody));
    }

    /** Sets a manifest header (or bnd instruction), for example {@code Bundle-Activator}. */
    public PluginJar header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Compiles against this jar too (another test plugin whose package it imports), without including it. */
    public PluginJar against(Path jar) {
        against.add(jar.toFile());
        return this;
    }

    /** Adds one class, by its fully qualified name. */
    public PluginJar source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /**
     * Compiles and packages the plugin.
     *
     * @param jar where to write it; its folder also holds the build's scratch files
     * @return {@code jar}
     */
    public Path writeTo(Path jar) throws IOException {
        Path project = Files.createTempDirectory(jar.getParent(), "." + symbolicName + "-" + version + "-");
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = project.resolve("src/main/java").resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
        }
        StringBuilder bnd = new StringBuilder();
        headers.forEach((name, value) -> bnd.append(name).append(": ").append(value).append('\n'));
        Files.writeString(project.resolve(PluginSources.BND_FILE), bnd);
        List<Path> classPath = classpath().stream().map(File::toPath).toList();
        SourceBuilder.Build build = builder().buildProject(PluginSources.of(project), classPath, symbolicName, version);
        if (!build.succeeded()) {
            throw new IllegalStateException("cannot build " + symbolicName + " " + version + ": " + build.problems());
        }
        Files.write(jar, build.jar());
        return jar;
    }

    /**
     * Kiln's own builder of plugins from sources (what dev mode and source folders use), kept for every build of the
     * test run: the same compile and bnd set-up as the product, reproducible.
     */
    private static synchronized SourceBuilder builder() throws IOException {
        if (builder == null) {
            builder = new SourceBuilder(null, List.of());
        }
        return builder;
    }

    /**
     * Copies a bundle with a new {@code Bundle-Version}, every other byte of content as it was: a new release of
     * the same code.
     */
    public static Path withVersion(Path bundle, String version, Path target) throws IOException {
        return rewrite(bundle, target, manifest -> manifest.getMainAttributes().putValue(Constants.BUNDLE_VERSION, version),
                (name, content) -> content);
    }

    /**
     * Copies a bundle under another {@code Bundle-SymbolicName}, the old name replaced by the new in its Declarative
     * Services descriptors too (SCR wants every component name once): many plugins from one build, without building
     * each.
     */
    public static Path copyAs(Path bundle, String symbolicName, Path target) throws IOException {
        String old;
        try (JarInputStream in = new JarInputStream(Files.newInputStream(bundle))) {
            old = in.getManifest().getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME).split(";", 2)[0].trim();
        }
        return rewrite(bundle, target, manifest -> manifest.getMainAttributes().putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName),
                (name, content) -> name.startsWith("OSGI-INF/") && name.endsWith(".xml")
                        ? new String(content, StandardCharsets.UTF_8).replace(old, symbolicName).getBytes(StandardCharsets.UTF_8)
                        : content);
    }

    /** Copies a bundle to {@code target}, its manifest changed by {@code manifestChange} and each entry by {@code entryChange}. */
    private static Path rewrite(Path bundle, Path target, Consumer<Manifest> manifestChange, BiFunction<String, byte[], byte[]> entryChange)
            throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(bundle))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifestChange.accept(manifest);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
                out.putNextEntry(entry(JarFile.MANIFEST_NAME));
                manifest.write(out);
                out.closeEntry();
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(entry(entry.getName()));
                    out.write(entryChange.apply(entry.getName(), in.readAllBytes()));
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    /**
     * A bundle of nothing but its manifest: what a test of wiring alone needs (packages exported and imported need no
     * classes).
     *
     * @param headers the manifest's main attributes besides its version
     * @return {@code target}
     */
    public static Path manifestOnly(Path target, Map<String, String> headers) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
            out.putNextEntry(entry(JarFile.MANIFEST_NAME));
            manifest.write(out);
            out.closeEntry();
        }
        return target;
    }

    /**
     * Writes a plain zip (not a bundle) of these entries, for tests of what Kiln refuses.
     *
     * @return {@code target}
     */
    public static Path zip(Path target, Map<String, byte[]> entries) throws IOException {
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(target))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(entry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return target;
    }

    /** An entry at a fixed time (2026-01-01T00:00:00Z): the same inputs make the same bytes, whatever the clock says. */
    private static JarEntry entry(String name) {
        JarEntry entry = new JarEntry(name);
        entry.setTime(1_767_225_600_000L);
        return entry;
    }

    private List<File> classpath() {
        List<File> all = new ArrayList<>(compileClasspath());
        all.addAll(against);
        return all;
    }

    /**
     * The sample API, the DS and Metatype annotations, the OSGi framework API, Kiln's plugin API and the Felix Health
     * Check API, wherever this JVM loaded them from.
     */
    private static List<File> compileClasspath() {
        return List.of(locate(Phrase.class), locate(Component.class), locate(org.osgi.framework.Bundle.class),
                locate(org.osgi.service.metatype.annotations.ObjectClassDefinition.class),
                locate(io.kiln.api.health.PluginHealthCheck.class), locate(org.apache.felix.hc.api.HealthCheck.class));
    }

    private static File locate(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
        }
    }
}
