package io.kiln.runtime.internal.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.kiln.runtime.internal.store.RuntimeFolders;

/**
 * The sources of one plugin, as laid out in a folder: the one home of that layout.
 * <ul>
 * <li>Maven's: Java sources under {@code src/main/java}, resources under {@code src/main/resources};</li>
 * <li>or flat: {@code .java} files anywhere in the folder (a package's folders, or none), resources under
 * {@code resources/}.</li>
 * </ul>
 * Either may have a {@code bnd.bnd} at the top. Files and folders whose names start with {@code .} or {@code _}
 * (editors' swap and backup files, things set aside) are not sources; nor is a Maven {@code target/} folder.
 *
 * @param folder    the plugin's folder
 * @param javaRoot  the root of the Java packages
 * @param javaFiles every Java source, sorted
 * @param resources every resource file, sorted, with its root
 * @param bndFile   the bnd instructions, if there are any
 */
public record PluginSources(Path folder, Path javaRoot, List<Path> javaFiles, List<Resource> resources, Optional<Path> bndFile) {

    /** The file that holds bnd instructions for the plugin. */
    public static final String BND_FILE = "bnd.bnd";

    /**
     * A file to put into the bundle as it is.
     *
     * @param file the file
     * @param path its path inside the bundle ({@code OSGI-INF/l10n/bundle.properties})
     */
    public record Resource(Path file, String path) {
    }

    /**
     * Reads the layout of a folder.
     *
     * @throws IOException if the folder cannot be listed
     */
    public static PluginSources of(Path folder) throws IOException {
        Path maven = folder.resolve("src/main/java");
        boolean mavenLayout = Files.isDirectory(maven);
        Path javaRoot = mavenLayout ? maven : folder;
        List<Path> javaFiles = files(javaRoot).stream().filter(f -> f.getFileName().toString().endsWith(".java")).toList();
        Path resourceRoot = mavenLayout ? folder.resolve("src/main/resources") : folder.resolve("resources");
        List<Resource> resources = new ArrayList<>();
        for (Path file : Files.isDirectory(resourceRoot) ? files(resourceRoot) : List.<Path>of()) {
            resources.add(new Resource(file, resourceRoot.relativize(file).toString().replace('\\', '/')));
        }
        Path bnd = folder.resolve(BND_FILE);
        return new PluginSources(folder, javaRoot, javaFiles, List.copyOf(resources),
                Files.isRegularFile(bnd) ? Optional.of(bnd) : Optional.empty());
    }

    /** @return whether there is anything to compile */
    public boolean hasSources() {
        return !javaFiles.isEmpty();
    }

    /** @return the file's path relative to the plugin's folder, with {@code /}: how errors name it */
    public String relative(Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }

    /**
     * The hash of everything a build reads from the folder: every source's and resource's path and content, and the
     * bnd instructions. Touching a file without changing it leaves it the same.
     *
     * @throws IOException if a file cannot be read
     */
    public String contentHash() throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        List<Path> inputs = new ArrayList<>(javaFiles);
        resources.forEach(r -> inputs.add(r.file()));
        bndFile.ifPresent(inputs::add);
        for (Path input : inputs) {
            digest.update(relative(input).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            byte[] content = Files.readAllBytes(input);
            digest.update(Long.toString(content.length).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(content);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(f -> included(root, f)).sorted().toList();
        }
    }

    /** Whether no part of the path below the root is set aside ({@code .}, {@code _}, {@code ~}) or Maven's output. */
    private static boolean included(Path root, Path file) {
        Path relative = root.relativize(file);
        if (relative.getNameCount() > 1 && relative.getName(0).toString().equals("target")) {
            return false;
        }
        for (Path part : relative) {
            String name = part.toString();
            if (!RuntimeFolders.isEnabledName(name) || name.endsWith("~")) { // and an editor's backup
                return false;
            }
        }
        return true;
    }
}
