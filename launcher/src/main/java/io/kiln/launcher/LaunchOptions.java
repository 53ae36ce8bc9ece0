package io.kiln.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * What the command line asked for.
 *
 * @param home     the distribution folder
 * @param headless run without a shell
 * @param help     print usage and exit
 */
record LaunchOptions(Path home, boolean headless, boolean help) {

    static final String USAGE = """
            Usage: kiln [--headless] [--help]
              Runs Kiln in the foreground. With a terminal it opens the Gogo shell ('help' lists the commands,
              'exit' or Ctrl-D stops Kiln); without one, or with --headless, it runs without a shell.
              Ctrl-C or SIGTERM stops Kiln cleanly.
            kiln COMMAND drives a running Kiln over its admin API: 'kiln help' lists the commands.""";

    /**
     * Parses the arguments.
     *
     * @param args        the command line
     * @param homeSetting the {@code kiln.home} system property, or {@code null} to use the working folder
     * @throws IllegalArgumentException naming the first argument it does not know
     */
    static LaunchOptions parse(List<String> args, String homeSetting) {
        boolean headless = false;
        boolean help = false;
        for (String arg : args) {
            switch (arg) {
                case "--headless" -> headless = true;
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        Path home = Path.of(homeSetting == null || homeSetting.isBlank() ? "." : homeSetting).toAbsolutePath().normalize();
        return new LaunchOptions(home, headless, help);
    }
}
