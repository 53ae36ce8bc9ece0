package io.kiln.launcher.client;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs the user's Maven in a project folder: {@code mvn} from {@code MAVEN_HOME}, then {@code M2_HOME}, then the
 * {@code PATH}, always batch mode, with the extra arguments dev mode was given ({@code --maven-arg}, and
 * {@code KILN_MAVEN_ARGS} split on blanks: {@code -o}, {@code -s settings.xml}, {@code -Dmaven.repo.local=...}).
 */
final class Maven {

    /** One finished run: its exit code, what it printed (stdout and stderr together), and how long it took. */
    record Run(int exit, String output, long millis) {
        boolean succeeded() {
            return exit == 0;
        }
    }

    private final Path executable;
    private final List<String> extraArgs;

    private Maven(Path executable, List<String> extraArgs) {
        this.executable = executable;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** @throws ClientException when there is no {@code mvn} to run */
    static Maven find(Map<String, String> env, List<String> options) throws ClientException {
        List<String> args = new ArrayList<>();
        String fromEnv = env.get("KILN_MAVEN_ARGS");
        if (fromEnv != null && !fromEnv.isBlank()) {
            args.addAll(Arrays.asList(fromEnv.strip().split("\\s+")));
        }
        if (options != null) {
            args.addAll(options);
        }
        for (String home : new String[] { env.get("MAVEN_HOME"), env.get("M2_HOME") }) {
            if (home != null && !home.isBlank() && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
                return new Maven(Path.of(home, "bin", "mvn"), args);
            }
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "mvn"))) {
                return new Maven(Path.of(dir, "mvn"), args);
            }
        }
        throw new ClientException("no Maven: mvn is not on the PATH, nor in $MAVEN_HOME/bin or $M2_HOME/bin"
                + " (kiln dev asks Maven for the project's class path; install Maven 3.8+ or set MAVEN_HOME)");
    }

    List<String> command(List<String> goalsAndProperties) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-B", "-q"));
        command.addAll(extraArgs);
        command.addAll(goalsAndProperties);
        return command;
    }

    /** Starts Maven in {@code dir}, its output (stdout and stderr together) to be read from the process. */
    Process start(Path dir, List<String> goalsAndProperties) throws IOException {
        return new ProcessBuilder(command(goalsAndProperties)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    /** Runs Maven in {@code dir} to the end. */
    Run run(Path dir, List<String> goalsAndProperties) throws ClientException, InterruptedException {
        long start = System.nanoTime();
        try {
            Process process = start(dir, goalsAndProperties);
            String output = plain(new String(process.getInputStream().readAllBytes(), Charset.defaultCharset()));
            int exit = process.waitFor();
            return new Run(exit, output, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new ClientException("cannot run " + executable + ": " + e.getMessage());
        }
    }

    /** Maven's output without the colour codes its console library writes even in batch mode. */
    static String plain(String output) {
        return output.replaceAll("\u001B\\[[0-9;]*m", "");
    }

    @Override
    public String toString() {
        return executable + (extraArgs.isEmpty() ? "" : " " + String.join(" ", extraArgs));
    }
}
