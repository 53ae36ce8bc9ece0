package io.kiln.launcher.client;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kiln new KIND ...}: a new project from a template; {@code kiln new plugin NAME} is the one there is. Needs no running Kiln. */
@Command(name = "new", synopsisSubcommandLabel = "KIND", description = "Creates a new project from a template (needs no running Kiln).",
        subcommands = NewPluginCommand.class)
final class NewCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Spec
    CommandSpec spec;

    /** No kind: the usage, and the exit code of a bad command line. */
    @Override
    public Integer call() {
        spec.commandLine().usage(kiln.out());
        return 2;
    }
}
