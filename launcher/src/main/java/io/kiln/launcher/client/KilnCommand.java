package io.kiln.launcher.client;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kiln}: the client's top-level command. Each command is a class of its own. */
@Command(name = "kiln", synopsisSubcommandLabel = "COMMAND",
        description = "Drives a running Kiln over its admin API; 'kiln new plugin NAME' creates a plugin project. Without a command, bin/kiln runs Kiln itself (bin/kiln --help).",
        footer = { "", "The address and token come from this folder's data/api-url and data/api-token, written by its running Kiln.",
                "Exit codes: 0 done, 1 failed (one line says why), 2 bad command line.",
                "'kiln help COMMAND' or 'kiln COMMAND --help' shows one command's options." },
        subcommands = { StatusCommand.class, ListCommand.class, ShowCommand.class, ReloadCommand.class, ReloadAllCommand.class,
                InstallCommand.class, RemoveCommand.class, EnableCommand.class, DisableCommand.class, RollbackCommand.class,
                HistoryCommand.class, ConfigCommand.class, SkillsCommand.class, AgentsCommand.class, WatchCommand.class,
                NewCommand.class, DevCommand.class, ExecCommand.class, ShellCommand.class, ExportsCommand.class, GraphCommand.class,
                PageCommand.class, LogCommand.class, FleetCommand.class,
                CommandLine.HelpCommand.class })
final class KilnCommand implements Callable<Integer> {

    @Mixin
    final ClientOptions options = new ClientOptions();

    @Spec
    CommandSpec spec;

    private final Path home;
    private final Map<String, String> env;
    private final PrintStream out;

    KilnCommand(Path home, Map<String, String> env, PrintStream out) {
        this.home = home;
        this.env = env;
        this.out = out;
    }

    /** No command: the usage, and the exit code of a bad command line. */
    @Override
    public Integer call() {
        spec.commandLine().usage(out);
        return 2;
    }

    /** @return a client for this folder's running Kiln (or the one {@code --api-url} names) */
    ApiClient api() throws ClientException {
        return new ApiClient(options.apiUri(home, env), options.token(home, env));
    }

    /** @return the distribution folder this client belongs to */
    Path home() {
        return home;
    }

    PrintStream out() {
        return out;
    }

    Map<String, String> env() {
        return env;
    }

    /** Prints what a command found: its JSON with {@code --json}, else its text. @return exit code 0 */
    int print(Output output) {
        out.println(options.json ? Client.pretty(output.json()) : output.text());
        return 0;
    }
}
