package io.kiln.launcher.client;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.GsonBuilder;

/**
 * {@code bin/kiln COMMAND}: drives a running Kiln over its admin API. Prints a table, or the API's JSON with
 * {@code --json}; on failure prints one line, {@code kiln: <reason>}, and exits 1 (2 for a bad command line).
 */
public final class Client {

    static final Set<String> COMMANDS = Set.of("status", "list", "show", "reload", "reload-all", "install", "remove", "enable",
            "disable", "rollback", "history", "config", "skills", "agents", "watch", "help");

    public static final String USAGE = """
            Usage: kiln [--api-url URL] [--token TOKEN] [--json] COMMAND
              status                     runtime version, uptime, counts, rejected files
              list                       the plugins
              show NAME                  one plugin
              reload NAME [--verify] [--only] [--dependencies]
                                         reload a plugin (and its dependents unless --only)
              reload-all                 reload every plugin
              install FILE|URL [--sha256=HEX]
                                         install or update a plugin jar; waits until it is live
              remove NAME                uninstall a plugin and delete its file
              enable NAME | disable NAME | rollback NAME [VERSION]
              history [N]                the latest N changes (default 20)
              config [list] | config show PID | config set PID KEY VALUE | config reload [PID]
              skills [reload [NAME]] | agents [reload ID [--prompt=TEXT] [--capabilities=A,B]]
              watch DIR... [--verify] [--cooldown=MS] [--plugin=NAME]
                                         reload (or reinstall) the matching plugin whenever DIR changes
            The address and token come from the running Kiln's data/api-url and data/api-token.
            Without a command, kiln runs Kiln itself (kiln --help).""";

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
        boolean json = args.contains("--json");
        try {
            ClientOptions options = ClientOptions.parse(args);
            if (options.words().isEmpty() || "help".equals(options.words().get(0))) {
                out.println(USAGE);
                return options.words().isEmpty() ? 2 : 0;
            }
            String command = options.words().get(0);
            if (!COMMANDS.contains(command)) {
                throw ClientOptions.usage("unknown command '" + command + "'");
            }
            ApiClient api = new ApiClient(options.apiUri(home, env), options.token(home, env));
            Commands commands = new Commands(api, options, out);
            Output output = "watch".equals(command) ? new Watch(api, options, out).run() : commands.run(command);
            out.println(json ? pretty(output.json()) : output.text());
            return 0;
        } catch (ClientException e) {
            if (json && e.body() != null) {
                out.println(pretty(e.body()));
            }
            err.println("kiln: " + e.getMessage());
            return e.exitCode();
        }
    }

    static String pretty(Object json) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(json);
    }

    /** What a command prints: its table, or the API's JSON. */
    record Output(Object json, String text) {
    }
}
