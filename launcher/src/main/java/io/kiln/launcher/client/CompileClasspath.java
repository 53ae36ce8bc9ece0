package io.kiln.launcher.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The class path the project's sources compile against, as Maven resolves it: {@code mvn dependency:build-classpath}
 * with the compile scope (which includes {@code provided} and {@code system}), written to
 * {@code target/kiln-dev/classpath.txt}. A project without a pom compiles against what this distribution carries for
 * plugins: the build-time OSGi annotations ({@code lib/compile-only/}), the framework's API, the plugin API and the logging APIs (SLF4J among them, from Pax Logging's API bundle).
 */
final class CompileClasspath {

    private CompileClasspath() {
    }

    /** What a project without a pom compiles against: the jars of this distribution a plugin may use. */
    static List<String> withoutMaven(Path home, PrintStream out) {
        List<Path> jars = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> compileOnly = Files.list(home.resolve("lib/compile-only"))) {
            compileOnly.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
        } catch (IOException e) {
            // a distribution without them: the annotations are then missing, and the compiler says so
        }
        for (String jar : new String[] { "lib/org.apache.felix.framework.jar", "system/kiln-plugin-api.jar", "system/pax-logging-api.jar" }) {
            if (Files.isRegularFile(home.resolve(jar))) {
                jars.add(home.resolve(jar));
            }
        }
        out.println("no pom.xml: compiling against Kiln's plugin API, the OSGi framework and annotations, and SLF4J (" + jars.size() + " jars)");
        return jars.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
    }

    /**
     * Asks Maven, printing how long it took; on failure prints Maven's output and throws the one-line verdict.
     * @return the jars and folders, absolute
     */
    static List<String> read(DevProject project, Maven maven, PrintStream out) throws ClientException, InterruptedException {
        Path file = project.workFolder().resolve("classpath.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ClientException("cannot write " + file.getParent() + ": " + e.getMessage());
        }
        Maven.Run run = maven.run(project.dir(), List.of("dependency:build-classpath", "-Dmdep.outputFile=" + file,
                "-DincludeScope=compile"));
        if (!run.succeeded() || !Files.isRegularFile(file)) {
            out.print(run.output().endsWith("\n") || run.output().isEmpty() ? run.output() : run.output() + "\n");
            throw new ClientException("Maven could not resolve the class path of " + project.pom() + " (exit " + run.exit() + ", "
                    + run.millis() + " ms, " + maven + "); the lines above are Maven's");
        }
        List<String> entries;
        try {
            String text = Files.readString(file).strip();
            entries = text.isEmpty() ? List.of() : Arrays.stream(text.split(java.io.File.pathSeparator)).map(String::strip)
                    .filter(s -> !s.isEmpty()).map(s -> Path.of(s).toAbsolutePath().toString()).toList();
        } catch (IOException e) {
            throw new ClientException("cannot read " + file + ": " + e.getMessage());
        }
        out.println("class path from Maven: " + entries.size() + (entries.size() == 1 ? " entry" : " entries") + " in " + run.millis() + " ms");
        return entries;
    }
}
