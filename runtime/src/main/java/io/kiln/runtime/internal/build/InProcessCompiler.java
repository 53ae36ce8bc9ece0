package io.kiln.runtime.internal.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

import io.kiln.runtime.api.CompileProblem;

/**
 * The JDK's Java compiler, called in this process and kept between builds: after the first build its classes are
 * loaded and compiled by the JIT, which is most of what makes a compile of a small plugin take tens of milliseconds
 * instead of a second. Classes are compiled into memory; nothing is written next to the sources.
 * <p>
 * Every build compiles all of a plugin's sources, so that a change of a signature can never leave a class compiled
 * against the old one. Not thread-safe: {@link SourceBuilder} builds one plugin at a time.
 */
public final class InProcessCompiler {

    /** The Java release plugins are compiled for: Kiln's own, the one {@code kiln-plugin-parent} sets. */
    public static final String RELEASE = "17";

    /**
     * Debug information and parameter names (a debugger shows locals; DS and reflection see names); no annotation
     * processors (bnd reads the OSGi annotations from the class files); no sources but the plugin's own.
     */
    static final List<String> OPTIONS = List.of("-g", "-parameters", "-proc:none", "-implicit:none", "-encoding", "UTF-8",
            "--release", RELEASE, "-Xlint:none", "-nowarn");

    private final JavaCompiler javac;
    private final StandardJavaFileManager sourceFiles;

    /** @throws IllegalStateException if Kiln runs on a Java runtime without a compiler */
    public InProcessCompiler() {
        javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("this Java (" + System.getProperty("java.home") + ") has no compiler: "
                    + "building plugins from sources needs a JDK, not a JRE");
        }
        sourceFiles = newFileManager();
    }

    /** @return a file manager of this compiler's, for a class path of plain jars */
    public StandardJavaFileManager newFileManager() {
        return javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }

    /**
     * What one compile made.
     *
     * @param classes  each class's bytes, by its path in a jar ({@code com/acme/Greeter.class}), in the order made
     * @param problems the errors, empty when it compiled
     * @param millis   how long it took
     */
    public record Compiled(Map<String, byte[]> classes, List<CompileProblem> problems, long millis) {

        public boolean succeeded() {
            return problems.isEmpty();
        }
    }

    /**
     * Compiles all of the plugin's sources.
     *
     * @param classPath what they compile against
     */
    public Compiled compile(PluginSources sources, JavaFileManager classPath) {
        long start = System.nanoTime();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        ClassesInMemory output = new ClassesInMemory(classPath);
        Iterable<? extends JavaFileObject> units = sourceFiles.getJavaFileObjectsFromPaths(sources.javaFiles());
        boolean compiled;
        try {
            compiled = javac.getTask(null, output, diagnostics, OPTIONS, null, units).call();
        } catch (RuntimeException e) {
            // the compiler itself broke (a class path entry it cannot read, say): an error of the build, not of Kiln
            return new Compiled(Map.of(), List.of(new CompileProblem("", 0, 0, "the compiler failed: " + e)), millisSince(start));
        }
        List<CompileProblem> problems = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                problems.add(problem(sources, d));
            }
        }
        if (!compiled && problems.isEmpty()) {
            problems.add(new CompileProblem("", 0, 0, "the compiler failed without saying why"));
        }
        return new Compiled(compiled ? output.classes : Map.of(), List.copyOf(problems), millisSince(start));
    }

    private static CompileProblem problem(PluginSources sources, Diagnostic<? extends JavaFileObject> d) {
        String file = "";
        if (d.getSource() != null) {
            URI uri = d.getSource().toUri();
            file = "file".equals(uri.getScheme()) ? sources.relative(Path.of(uri)) : d.getSource().getName();
        }
        String message = d.getMessage(Locale.ROOT).lines().map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.joining("; "));
        return new CompileProblem(file, Math.max(0, d.getLineNumber()), Math.max(0, d.getColumnNumber()), message);
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The compiler's output, kept in memory; everything else is asked of the class path. */
    private static final class ClassesInMemory extends ForwardingJavaFileManager<JavaFileManager> {

        final Map<String, byte[]> classes = new LinkedHashMap<>();

        ClassesInMemory(JavaFileManager classPath) {
            super(classPath);
        }

        @Override
        public boolean hasLocation(Location location) {
            return location == StandardLocation.CLASS_OUTPUT || super.hasLocation(location);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind, FileObject sibling)
                throws IOException {
            if (kind != JavaFileObject.Kind.CLASS) {
                return super.getJavaFileForOutput(location, className, kind, sibling);
            }
            String path = className.replace('.', '/') + ".class";
            return new SimpleJavaFileObject(URI.create("memory:///" + path), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.put(path, toByteArray());
                        }
                    };
                }
            };
        }

        /** The class path outlives the compile (that is what keeps it warm): never closed with it. */
        @Override
        public void close() {
        }
    }
}
