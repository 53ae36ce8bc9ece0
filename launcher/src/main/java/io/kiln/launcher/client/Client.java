package io.kiln.launcher.client;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code bin/kiln COMMAND}: drives a running Kiln over its admin API. Prints a table, or the API's JSON with
 * {@code --json}; on failure prints one line, {@code kiln: <reason>}, and exits 1 (2 for a bad command line).
 * The commands are picocli commands under {@link KilnCommand}.
 */
public final class Client {

    private Client() {
    }

    /** @return whether the command line asks for the client rather than for running Kiln */
    public static boolean wanted(List<String> args) {
        for (String arg : args) {
            if (arg.equals("--api-url") || arg.startsWith("--api-url=") || arg.equals("--token") || arg.startsWith("--token=") || arg.equals("--json")) {
                return true;
            }
            if (!arg.startsWith("-")) {
                return true;
            }
        }
        return false;
    }

    /** Runs one command; @return the exit code */
    public static int run(List<String> args, Path home, Map<String, String> env, PrintStream out, PrintStream err) {
        KilnCommand kiln = new KilnCommand(home, env, out);
        CommandLine line = commandLine(kiln);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setParameterExceptionHandler((e, arguments) -> {
            err.println("kiln: " + describe(e));
            return 2;
        });
        line.setExecutionExceptionHandler((e, command, result) -> {
            if (!(e instanceof ClientException failure)) {
                throw e;
            }
            if (kiln.options.json && failure.body() != null) {
                out.println(pretty(failure.body()));
            }
            err.println("kiln: " + failure.getMessage());
            return failure.exitCode();
        });
        int exit = line.execute(args.toArray(String[]::new));
        out.flush();
        return exit;
    }

    static CommandLine commandLine(KilnCommand kiln) {
        CommandLine line = new CommandLine(kiln).setUsageHelpAutoWidth(true);
        addHelpOption(line);
        return line;
    }

    /** {@code -h, --help} on every command (picocli's own 'help' command has its own). */
    private static void addHelpOption(CommandLine command) {
        if (!(command.getCommand() instanceof CommandLine.HelpCommand)) {
            command.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("show this help").build());
        }
        command.getSubcommands().values().forEach(Client::addHelpOption);
    }

    /** picocli's message, in the client's words, with where to find the usage. */
    private static String describe(ParameterException e) {
        CommandLine command = e.getCommandLine();
        boolean root = command.getParent() == null;
        String message = e.getMessage();
        if (root && e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command '" + unmatched.getUnmatched().get(0) + "'";
        } else if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            message = (first.startsWith("-") ? "unknown option '" : "unexpected argument '") + first + "' for " + command.getCommandName();
        } else if (!root) {
            message = command.getCommandName() + ": " + Character.toLowerCase(message.charAt(0)) + message.substring(1);
        }
        return message + (root ? " ('kiln help' lists the commands)" : " ('kiln " + qualifiedName(command) + " --help' shows its usage)");
    }

    private static String qualifiedName(CommandLine command) {
        String name = command.getCommandName();
        for (CommandLine parent = command.getParent(); parent != null && parent.getParent() != null; parent = parent.getParent()) {
            name = parent.getCommandName() + " " + name;
        }
        return name;
    }

    static ClientException usage(String message) {
        return new ClientException(message + " ('kiln help' lists the commands)", 2, null);
    }

    static String pretty(Object json) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(json);
    }
}
