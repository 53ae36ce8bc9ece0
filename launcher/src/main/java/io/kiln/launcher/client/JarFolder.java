package io.kiln.launcher.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What a folder given to {@code kiln watch} holds: plugin jars, or sources that must be built first. */
final class JarFolder {

    private static final List<String> SOURCE_MARKERS = List.of("pom.xml", "build.gradle", "build.gradle.kts", "src");

    private JarFolder() {
    }

    /** @return the jars directly in the folder, by name */
    /** A jar Kiln would take from {@code hot/}: names starting with {@code .} or {@code _} are set aside, as there. */
    static boolean isPluginJar(String fileName) {
        return fileName.endsWith(".jar") && !fileName.startsWith(".") && !fileName.startsWith("_");
    }

    static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> isPluginJar(f.getFileName().toString()) && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * @throws ClientException for a folder that is missing, or holds sources and no jar: watching it would only ever
     *         reload the jar built before (the message names the folder to watch instead)
     */
    static void check(Path dir) throws ClientException {
        if (!Files.isDirectory(dir)) {
            throw new ClientException("not a folder: " + dir);
        }
        if (!jars(dir).isEmpty() || !looksLikeSources(dir)) {
            return;
        }
        Path project = dir;
        while (project != null && !Files.isRegularFile(project.resolve("pom.xml"))) {
            project = project.getParent();
        }
        Path sources = project == null ? dir : project;
        Path target = sources.resolve("target");
        List<Path> built = jars(target);
        String found = built.isEmpty() ? "no jar there yet" : "now " + names(built);
        throw new ClientException("kiln watch installs built plugin jars, and " + dir + " holds none (it holds sources): build with 'mvn package',"
                + " then watch the build's output: kiln watch " + target + " (" + found + "); or let dev mode build it from its sources: kiln dev " + sources);
    }

    private static boolean looksLikeSources(Path dir) {
        if (dir.getFileName() != null && dir.getFileName().toString().equals("src")
                || SOURCE_MARKERS.stream().anyMatch(m -> Files.exists(dir.resolve(m)))) {
            return true;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".java"));
        } catch (IOException e) {
            return false;
        }
    }

    static String names(List<Path> jars) {
        return String.join(", ", jars.stream().map(j -> j.getFileName().toString()).toList());
    }
}
