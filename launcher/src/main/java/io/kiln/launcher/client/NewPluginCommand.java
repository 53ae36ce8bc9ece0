package io.kiln.launcher.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kiln new plugin NAME [--package P] [--group G] [--dir D]}: renders the plugin template (the archetype's, see
 * {@link PluginTemplate}) into a new folder. Every name is checked before anything is written, and the project is
 * written into a hidden folder beside the target and moved into place whole.
 */
@Command(name = "plugin", description = { "Creates a plugin project: a DS component with its configuration section, a service in an exported"
        + " package, a shell command, state kept across updates, a unit test, a README and a post-commit hook.",
        "The same project as mvn archetype:generate -DarchetypeGroupId=io.kiln -DarchetypeArtifactId=kiln-plugin-archetype." })
final class NewPluginCommand implements Callable<Integer> {

    @ParentCommand
    NewCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "the plugin's name: its artifactId, Bundle-SymbolicName, jar (target/NAME.jar) and configuration PID;"
            + " lower-case letters, digits and dashes (e.g. hello-world)")
    String name;

    @Option(names = "--package", paramLabel = "P", description = "its Java package (default: the group, then NAME without dashes: com.example.helloworld)")
    String packageName;

    @Option(names = "--group", paramLabel = "G", defaultValue = "com.example", description = "its Maven groupId (default: ${DEFAULT-VALUE})")
    String group;

    @Option(names = "--dir", paramLabel = "D", description = "the folder to create (default: NAME, in the current folder); it must not exist")
    Path dir;

    @Override
    public Integer call() throws ClientException {
        check(ProjectNames.checkName(name));
        check(ProjectNames.checkGroup(group));
        String pkg = packageName != null ? packageName : ProjectNames.defaultPackage(group, name);
        String packageProblem = ProjectNames.checkPackage(pkg);
        check(packageProblem == null || packageName != null ? packageProblem
                : "the package derived from the name and group, '" + pkg + "', is not a Java package name: pass --package (e.g. --package com.example.hello)");
        Path target = (dir != null ? dir : Path.of(name)).toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new ClientException(target + " exists already; nothing written (choose another NAME or --dir)");
        }
        PluginTemplate template;
        try {
            template = PluginTemplate.load();
        } catch (IOException e) {
            throw new ClientException(e.getMessage());
        }
        Map<String, String> files = template.render(Map.of("groupId", group, "artifactId", name, "version", template.defaultVersion(),
                "package", pkg, "scope", ProjectNames.scope(name)));
        write(target, files);
        print(parent.kiln.out(), target, pkg, files, template.kilnVersion());
        return 0;
    }

    private void check(String problem) {
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem + "; nothing written");
        }
    }

    /** Writes the files into a hidden folder beside {@code target}, then moves it into place: all or nothing. */
    private static void write(Path target, Map<String, String> files) throws ClientException {
        Path staging = null;
        try {
            Files.createDirectories(target.getParent());
            staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-");
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = staging.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                if (file.getKey().startsWith(".githooks/")) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            delete(staging);
            throw new ClientException("cannot create " + target + ": " + why(e));
        }
    }

    /** What went wrong, in words: the file system's exceptions name only the path. */
    private static String why(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            return missing.getFile() + " does not exist and cannot be made";
        }
        if (e instanceof java.nio.file.AccessDeniedException denied) {
            return "no permission to write " + denied.getFile();
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getFile() + ": " + fs.getReason();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static void delete(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a hidden, half-written folder is left
        }
    }

    private void print(PrintStream out, Path target, String pkg, Map<String, String> files, String kilnVersion) {
        Path home = parent.kiln.home().toAbsolutePath().normalize();
        out.println("created " + target + ": plugin " + name + " (package " + pkg + ", group " + group + ")");
        files.keySet().forEach(file -> out.println("  " + file));
        Path relative = Path.of("").toAbsolutePath().relativize(target);
        String kiln = home.resolve("bin/kiln").toString();
        out.println("next:");
        out.println("  cd " + (relative.toString().isEmpty() || relative.startsWith("..") ? target : relative));
        out.println("  mvn verify                    # builds target/" + name + ".jar and runs its unit test");
        out.println("  cp target/" + name + ".jar " + home.resolve("hot") + "/");
        out.println("                                # or: " + kiln + " install target/" + name + ".jar (waits until it is live), or " + kiln + " dev");
        out.println("  then, in Kiln's shell: " + ProjectNames.scope(name) + ":greet Ada");
        out.println("  to install each commit into this Kiln: sh .githooks/install " + home);
        Path localParent = Path.of(System.getProperty("user.home"), ".m2/repository/io/kiln/kiln-plugin-parent", kilnVersion);
        if (!kilnVersion.isEmpty() && !Files.isDirectory(localParent) && Files.isDirectory(home.resolve("maven"))) {
            out.println("Kiln " + kilnVersion + " is not in your local Maven repository: " + home.resolve("maven")
                    + " is a repository holding what the build needs (see the project's README.md)");
        }
    }
}
