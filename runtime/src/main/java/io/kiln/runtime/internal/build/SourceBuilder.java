package io.kiln.runtime.internal.build;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import aQute.bnd.version.MavenVersion;
import io.kiln.runtime.api.CompileProblem;

/**
 * Compiles a plugin's sources and makes its bundle, for dev mode's projects and for source folders in {@code hot/}
 * alike: one compiler, kept warm, and one build at a time (a build takes tens of milliseconds; the compiler and its
 * class paths are not thread-safe).
 */
public final class SourceBuilder implements AutoCloseable {

    private final BundleContext context;
    private final InProcessCompiler compiler = new InProcessCompiler();
    private final BundlePackager packager = new BundlePackager();
    private final ProjectClassPath compileOnly;
    private ProjectClassPath lastProject;

    /**
     * @param compileOnlyJars the jars source folders compile against beyond what the framework exports: the
     *                        build-time annotations (DS, Metatype, versioning), which no bundle exports at run time
     * @throws IllegalStateException if this Java has no compiler
     */
    public SourceBuilder(BundleContext context, List<Path> compileOnlyJars) throws IOException {
        this.context = context;
        List<Path> jars = new ArrayList<>(compileOnlyJars);
        frameworkJar().ifPresent(jars::add);
        this.compileOnly = new ProjectClassPath(compiler, jars);
    }

    /**
     * A project's version as its bundle's: a Maven version turned into an OSGi one exactly as bnd-maven-plugin does
     * (bndlib's {@code MavenVersion}: {@code 1.0.0-SNAPSHOT} is {@code 1.0.0.SNAPSHOT}); an OSGi version stays as it
     * is.
     *
     * @return the bundle version, or empty for none given
     */
    public static String bundleVersion(String version) {
        String given = version == null ? "" : version.strip();
        return given.isEmpty() ? "" : new MavenVersion(given).getOSGiVersion().toString();
    }

    /** @return the jars in the folder, sorted; none if there is no such folder */
    public static List<Path> jarsIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    /**
     * What a build made: a bundle, or the compiler's errors.
     *
     * @param jar           the bundle's bytes, empty when it did not compile or could not be packaged
     * @param symbolicName  the bundle's symbolic name (as asked, when there is no bundle)
     * @param problems      why there is no bundle: the compiler's errors, or bnd's as one problem
     * @param sources       how many sources were compiled
     * @param compileMillis the compiler's time
     * @param packageMillis bnd's time
     */
    public record Build(byte[] jar, String symbolicName, List<CompileProblem> problems, int sources, long compileMillis,
            long packageMillis) {

        public boolean succeeded() {
            return problems.isEmpty();
        }
    }

    /** Builds a dev mode project against its own class path (from Maven). */
    public synchronized Build buildProject(PluginSources sources, List<Path> classPath, String symbolicName, String version)
            throws IOException {
        if (lastProject == null || !lastProject.sameAs(classPath)) {
            if (lastProject != null) {
                lastProject.close();
            }
            lastProject = new ProjectClassPath(compiler, classPath);
        }
        return build(sources, lastProject, symbolicName, version);
    }

    /** Builds a source folder against what the running framework exports, but the plugin's own old version. */
    public synchronized Build buildInFramework(PluginSources sources, String symbolicName, String version) throws IOException {
        return build(sources, new FrameworkClassPath(context, compileOnly, symbolicName), symbolicName, version);
    }

    private Build build(PluginSources sources, CompileClassPath classPath, String symbolicName, String version) throws IOException {
        int count = sources.javaFiles().size();
        InProcessCompiler.Compiled compiled = compiler.compile(sources, classPath.javaFiles());
        if (!compiled.succeeded()) {
            return new Build(new byte[0], symbolicName, compiled.problems(), count, compiled.millis(), 0);
        }
        try {
            BundlePackager.Packaged bundle = packager.pack(sources, compiled.classes(), symbolicName, version, classPath);
            return new Build(bundle.jar(), bundle.symbolicName(), List.of(), count, compiled.millis(), bundle.millis());
        } catch (BundlePackager.PackagingException e) {
            String file = sources.bndFile().map(sources::relative).orElse("");
            return new Build(new byte[0], symbolicName, List.of(new CompileProblem(file, 0, 0, e.getMessage())), count,
                    compiled.millis(), 0);
        }
    }

    /**
     * The jar of the framework's own classes ({@code org.osgi.framework} and the rest the system bundle exports from
     * it), which is on the launcher's class path rather than in a bundle.
     */
    private static java.util.Optional<Path> frameworkJar() {
        try {
            java.security.CodeSource source = Bundle.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
                return java.util.Optional.empty();
            }
            Path jar = Path.of(source.getLocation().toURI());
            return Files.exists(jar) ? java.util.Optional.of(jar) : java.util.Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        compileOnly.close();
        if (lastProject != null) {
            lastProject.close();
        }
    }
}
