package io.kiln.itests.support;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.osgi.service.component.annotations.Component;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.Jar;
import io.kiln.sample.phrase.Phrase;

/**
 * Builds a plugin jar from Java source, as a plugin author's build would: compiles the sources with the JDK's
 * compiler, then lets bnd write the OSGi manifest and the Declarative Services descriptors.
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
        Path work = Files.createTempDirectory(jar.getParent(), "." + symbolicName + "-" + version + "-");
        Path classes = Files.createDirectories(work.resolve("classes"));
        compile(work.resolve("src"), classes);
        try (Builder builder = new Builder()) {
            builder.setProperty(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
            builder.setProperty(Constants.BUNDLE_VERSION, version);
            builder.setProperty(Constants.PRIVATEPACKAGE, packages());
            builder.setProperty(Constants.NOEXTRAHEADERS, "true");
            // fixed entry times: the same sources give the same bytes, whenever they are built
            builder.setProperty(Constants.REPRODUCIBLE, "true");
            builder.setProperty(Constants.NOIMPORTJAVA, "true");
            headers.forEach(builder::setProperty);
            builder.addClasspath(classes.toFile());
            for (File entry : classpath()) {
                builder.addClasspath(entry);
            }
            Jar built = builder.build();
            if (!builder.isOk()) {
                throw new IllegalStateException("bnd could not build " + symbolicName + ": " + builder.getErrors());
            }
            built.write(jar.toFile());
            return jar;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("bnd could not build " + symbolicName, e);
        }
    }

    /**
     * Copies a bundle with a new {@code Bundle-Version}, every other byte of content as it was: a new release of
     * the same code.
     */
    public static Path withVersion(Path bundle, String version, Path target) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(bundle))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue(Constants.BUNDLE_VERSION, version);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    private void compile(Path src, Path classes) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-classpath",
                classpath().stream().map(File::getPath).collect(Collectors.joining(File.pathSeparator))));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler: the integration tests need a JDK, not a JRE");
        }
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("javac failed on " + symbolicName + " " + version + ":\n" + messages);
        }
    }

    private String packages() {
        return sources.keySet().stream()
                .map(name -> name.substring(0, name.lastIndexOf('.')))
                .collect(Collectors.toCollection(TreeSet::new))
                .stream().collect(Collectors.joining(","));
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
