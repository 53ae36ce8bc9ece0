package io.kiln.launcher.client;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln watch DIR... [--verify] [--cooldown=MS] [--plugin=NAME]}: installs each new build of a plugin jar. */
@Command(name = "watch", description = { "Watches folders of built plugin jars (a build's target/) and installs each jar whose content changed,"
        + " once it is complete and the folder has been quiet for the cooldown.",
        "It does not build: run 'mvn package' (or your build) and watch its output folder." })
final class WatchCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "folders holding plugin jars, e.g. target/")
    List<Path> folders;

    @Option(names = "--verify", description = "then check the plugin is live, and roll it back if it is not")
    boolean verify;

    @Option(names = "--cooldown", paramLabel = "MS", defaultValue = "300", description = "quiet time after a change before acting (default: ${DEFAULT-VALUE})")
    long cooldownMillis;

    @Option(names = "--plugin", paramLabel = "NAME", description = "install only the jars of this plugin (Bundle-SymbolicName)")
    String plugin;

    @Override
    public Integer call() throws ClientException {
        List<Path> dirs = folders.stream().map(d -> d.toAbsolutePath().normalize()).toList();
        for (Path dir : dirs) {
            JarFolder.check(dir);
        }
        ApiClient api = kiln.api();
        api.get("api/v1/status"); // fail now, not at the first change, if Kiln cannot be reached
        return kiln.print(new Watch(api, dirs, cooldownMillis, verify, plugin, kiln.out()).run());
    }
}
