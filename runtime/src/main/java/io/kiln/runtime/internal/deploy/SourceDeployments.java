package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.BuildResult;
import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.CompileProblem;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.ProjectBuild;
import io.kiln.runtime.api.Trigger;
import io.kiln.runtime.internal.build.PluginSources;
import io.kiln.runtime.internal.build.SourceBuilder;
import io.kiln.runtime.internal.store.FileNames;
import io.kiln.runtime.internal.store.Hashes;

/**
 * The transactions sources start: a dev mode project built on request, and a source folder in {@code hot/} built when
 * its content changes. Compiled and packaged by {@link SourceBuilder}; the bundle then goes through the same
 * transaction as a jar ({@link JarDeployments}). Sources that do not compile are a refused change like any other:
 * recorded with the compiler's errors, the last good version left running.
 */
final class SourceDeployments {

    private static final Logger LOG = LoggerFactory.getLogger(SourceDeployments.class);
    /** What a bundle symbolic name may be made of (a folder's name is the plugin's unless bnd.bnd says otherwise). */
    private static final java.util.regex.Pattern VALID_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    /** How many times the warm-up builds: the JIT compiles javac's hot paths after a few. */
    private static final int WARM_UP_ROUNDS = 3;
    /** How many of the compiler's errors a refusal's one line carries; the build's result has them all. */
    private static final int PROBLEMS_IN_REASON = 5;

    private final DeployContext kiln;
    private final JarDeployments jars;
    private final Refusals refusals;
    private final List<Path> compileOnlyJars;
    /** The content of each source folder's sources that now runs, so that an event that changed nothing builds nothing. */
    private final Map<String, String> builtSources = new ConcurrentHashMap<>();
    private SourceBuilder builder;

    SourceDeployments(DeployContext kiln, JarDeployments jars, Refusals refusals, List<Path> compileOnlyJars) {
        this.kiln = kiln;
        this.jars = jars;
        this.refusals = refusals;
        this.compileOnlyJars = List.copyOf(compileOnlyJars);
    }

    /** Dev mode's build: compiled against the project's class path, then installed as a jar handed to the engine. */
    BuildResult buildProject(ProjectBuild request, java.util.function.BiFunction<Path, String, ChangeResult> install, Trigger trigger) {
        Path project = request.project();
        if (!Files.isDirectory(project)) {
            throw new IllegalArgumentException(project + ": not a folder");
        }
        PluginSources sources = read(project);
        if (!sources.hasSources()) {
            throw new IllegalArgumentException(project + ": no Java sources (in src/main/java, or .java files in the folder)");
        }
        String name = request.symbolicName().isEmpty() ? project.getFileName().toString() : request.symbolicName();
        String version = SourceBuilder.bundleVersion(request.version());
        SourceBuilder.Build build;
        try {
            build = builder().buildProject(sources, request.classPath(), name, version);
        } catch (IOException e) {
            throw new UncheckedIOException(project + ": cannot read the sources or their class path: " + e.getMessage(), e);
        } catch (IllegalStateException noCompiler) {
            build = cannotBuild(name, sources, noCompiler);
        }
        if (!build.succeeded()) {
            return refused(build, compileFailure(build.symbolicName(), version, build.problems(), trigger));
        }
        Path jar = stage(build);
        try {
            long start = System.nanoTime();
            ChangeResult change = install.apply(jar, Hashes.sha256(build.jar()));
            return new BuildResult(build.symbolicName(), change, List.of(), build.sources(), build.compileMillis(),
                    build.packageMillis(), (System.nanoTime() - start) / 1_000_000);
        } finally {
            discard(jar);
        }
    }

    /**
     * A source folder in {@code hot/}: built once its sources' content differs from what runs (and from what was
     * refused), compiled against what the framework exports.
     *
     * @param retry build even what was refused in this content: the framework has changed since (a refusal that
     *              stands is not recorded again)
     * @return how it ended; empty when there was nothing to do, or the refusal stands
     */
    Optional<ChangeResult> deployFolder(Path folder, Trigger trigger, boolean retry) {
        String folderName = folder.getFileName().toString();
        if (!Files.isDirectory(folder)) {
            return Optional.empty(); // gone meanwhile: its removal has an event of its own
        }
        PluginSources sources = read(folder);
        if (!sources.hasSources()) {
            LOG.debug("{}: no Java sources yet; waiting for some", folderName);
            return Optional.empty();
        }
        String hash;
        try {
            hash = sources.contentHash();
        } catch (IOException e) {
            LOG.debug("{}: cannot read every source yet ({}); its next change is built", folderName, e.toString());
            return Optional.empty();
        }
        if (hash.equals(builtSources.get(folderName))) {
            // the sources are what runs again: a refusal of what they held in between no longer stands
            refusals.passed(folderName, JarDeployments.Source.SOURCE_FOLDER);
            return Optional.empty();
        }
        if (!retry && refusals.refusedBefore(folderName, hash)) {
            return Optional.empty();
        }
        String name = kiln.records.byFile(folderName).map(PluginRecord::name).orElse(folderName);
        if (!VALID_NAME.matcher(name).matches() && !setsSymbolicName(sources)) {
            return refusals.rejectFile(folderName, name, "", hash, folderName + ": not a plugin name: a source folder's name is its "
                    + "Bundle-SymbolicName, made of letters, digits, '.', '-' and '_'; rename the folder or set Bundle-SymbolicName "
                    + "in its bnd.bnd", Action.INSTALL, trigger, List.of());
        }
        SourceBuilder.Build build;
        try {
            build = builder().buildInFramework(sources, name, "");
        } catch (IOException e) {
            return refusals.rejectFile(folderName, name, "", hash, folderName + ": cannot read the sources: " + e.getMessage(),
                    Action.INSTALL, trigger, List.of());
        } catch (IllegalStateException noCompiler) {
            build = cannotBuild(name, sources, noCompiler);
        }
        if (!build.succeeded()) {
            return refusals.rejectFile(folderName, name, "", hash, reason(folderName, build.problems()), Action.INSTALL, trigger, List.of());
        }
        Path jar = stage(build);
        try {
            Optional<ChangeResult> result = jars.deployBuilt(jar, folderName, trigger);
            if (result.isPresent() && result.get().succeeded()) {
                builtSources.put(folderName, hash);
            } else if (result.isPresent()) {
                refusals.failedSources(folderName, hash, build.symbolicName(), result.get().error());
            }
            return result;
        } finally {
            discard(jar);
        }
    }

    /**
     * Builds a small plugin once, and throws it away: loads the compiler and bnd and lets the JIT compile them, so the
     * first real build takes tens of milliseconds instead of a second or more. Dev mode asks for it as its Kiln starts
     * (framework property {@code kiln.build.warmUp}); a Kiln that never builds from sources never pays for it.
     */
    void warmUp() {
        long start = System.nanoTime();
        Path folder = null;
        try {
            folder = Files.createTempDirectory(kiln.stagingFolder, "warm-up-");
            Path source = Files.createDirectories(folder.resolve("warm")).resolve("WarmUp.java");
            Files.writeString(source, """
                    package warm;

                    @org.osgi.service.component.annotations.Component(service = WarmUp.class)
                    public class WarmUp {
                        public String hello(String name) {
                            return "hello, " + name;
                        }
                    }
                    """);
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                builder().buildInFramework(PluginSources.of(folder), "kiln.warm-up", "");
            }
            LOG.debug("compiler warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.debug("the compiler's warm-up failed; the first build will be slower: {}", e.toString());
        } finally {
            deleteTree(folder);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", root, e.toString());
        }
    }

    private static boolean setsSymbolicName(PluginSources sources) {
        try {
            return sources.bndFile().isPresent() && Files.readString(sources.bndFile().get()).contains("Bundle-SymbolicName");
        } catch (IOException e) {
            return false;
        }
    }

    /** A source folder went away: its next appearance is built whatever it holds. */
    void forget(String folderName) {
        builtSources.remove(folderName);
    }

    synchronized void close() {
        if (builder != null) {
            try {
                builder.close();
            } catch (IOException e) {
                LOG.debug("closing the compiler's class paths: {}", e.toString());
            }
        }
    }

    /**
     * The compiler is made on first use: a Kiln that never builds from sources never loads it.
     *
     * @throws IllegalStateException if this Java has no compiler
     */
    private synchronized SourceBuilder builder() throws IOException {
        if (builder == null) {
            builder = new SourceBuilder(kiln.context, compileOnlyJars);
        }
        return builder;
    }

    /** No build at all (a Java without a compiler): said as the build's one problem. */
    private static SourceBuilder.Build cannotBuild(String name, PluginSources sources, IllegalStateException why) {
        return new SourceBuilder.Build(new byte[0], name, List.of(new CompileProblem("", 0, 0, why.getMessage())),
                sources.javaFiles().size(), 0, 0);
    }

    private ChangeResult compileFailure(String plugin, String version, List<CompileProblem> problems, Trigger trigger) {
        Optional<PluginRecord> record = kiln.records.plugin(plugin);
        return new Transaction(kiln, plugin, record.isPresent() ? Action.UPDATE : Action.INSTALL, trigger)
                .versions(record.map(PluginRecord::version).orElse(""), version)
                .end(Outcome.REJECTED, reason(plugin, problems));
    }

    private static BuildResult refused(SourceBuilder.Build build, ChangeResult change) {
        return new BuildResult(build.symbolicName(), change, build.problems(), build.sources(), build.compileMillis(), 0, 0);
    }

    /** One line: what did not compile, where; the rest counted. */
    static String reason(String what, List<CompileProblem> problems) {
        String listed = problems.stream().limit(PROBLEMS_IN_REASON).map(CompileProblem::toString).collect(Collectors.joining("; "));
        int more = problems.size() - PROBLEMS_IN_REASON;
        return what + ": does not compile: " + listed + (more > 0 ? "; and " + more + " more" : "");
    }

    private static PluginSources read(Path folder) {
        try {
            return PluginSources.of(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": cannot list the sources: " + e.getMessage(), e);
        }
    }

    /** The built bundle as a file named for the plugin, which is how refusals and the history speak of it. */
    private Path stage(SourceBuilder.Build build) {
        try {
            Path folder = Files.createTempDirectory(kiln.stagingFolder, "build-");
            Path jar = folder.resolve(FileNames.safeName(build.symbolicName()) + ".jar");
            Files.write(jar, build.jar());
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the built bundle in " + kiln.stagingFolder + ": " + e.getMessage(), e);
        }
    }

    private static void discard(Path jar) {
        try {
            Files.deleteIfExists(jar);
            Files.deleteIfExists(jar.getParent());
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", jar, e.toString());
        }
    }
}
