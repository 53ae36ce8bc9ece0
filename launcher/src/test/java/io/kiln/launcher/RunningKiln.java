package io.kiln.launcher;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The real {@code bin/kiln} of a distribution folder, run as a separate process, its output collected. */
final class RunningKiln implements AutoCloseable {

    /** The JVM options every started Kiln gets: see {@link #isolate}. */
    static final String ISOLATED = "-Dorg.osgi.service.http.port=0";

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private RunningKiln(Process process) {
        this.process = process;
        collect(process.getInputStream());
        collect(process.getErrorStream());
    }

    /** Starts {@code home/bin/kiln} with stdin from nowhere, as a service manager would. */
    static RunningKiln start(Path home, String... args) throws IOException {
        return startWithOptions(home, ISOLATED, args);
    }

    /** Starts {@code home/bin/kiln} with stdin from nowhere and these JVM options ({@code KILN_JAVA_OPTS}) only. */
    static RunningKiln startWithOptions(Path home, String javaOptions, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/kiln").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("KILN_JAVA_OPTS", javaOptions);
        return new RunningKiln(builder.start());
    }

    /** Starts {@code home/bin/kiln} with stdin from nowhere, {@link #ISOLATED}, and these variables added to the environment. */
    static RunningKiln startWithEnvironment(Path home, java.util.Map<String, String> environment, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/kiln").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        isolate(builder);
        builder.environment().putAll(environment);
        return new RunningKiln(builder.start());
    }

    /**
     * No options from the caller's environment, and the admin API on a port of its own (0: any free one), so a
     * test never fails because something else on the machine holds the default port 8181.
     */
    private static void isolate(ProcessBuilder builder) {
        builder.environment().put("KILN_JAVA_OPTS", ISOLATED);
    }

    private void collect(InputStream stream) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException closed) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits until a line containing {@code text} has been printed. */
    RunningKiln awaitLine(String text) {
        await("a line containing '" + text + "' in " + output).atMost(Duration.ofSeconds(30))
                .until(() -> output.stream().anyMatch(line -> line.contains(text)));
        return this;
    }

    /**
     * Waits at most {@code timeout} until a line containing {@code text} has been printed after the first {@code skip}
     * lines, failing at once with the output if the process ends first. @return the line's index
     */
    int awaitLine(int skip, String text, Duration timeout) {
        try {
            await().atMost(timeout).until(() -> output.stream().skip(skip).anyMatch(line -> line.contains(text)) || !process.isAlive());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no line containing '" + text + "' after line " + skip + " within " + timeout + ": " + String.join("\n", output));
        }
        List<String> lines = List.copyOf(output);
        for (int i = skip; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line containing '" + text + "' after line " + skip + " before the process ended (" + process.exitValue()
                + "): " + String.join("\n", lines));
    }

    /** @return the process id of the Java process ({@code bin/kiln} execs it) */
    long pid() {
        return process.pid();
    }

    boolean printed(String text) {
        return output.stream().anyMatch(line -> line.contains(text));
    }

    List<String> output() {
        return output;
    }

    /**
     * Starts {@code home/bin/kiln} on a pseudo-terminal (through {@code script}), so that it opens its shell;
     * {@link #type} sends it lines.
     */
    static RunningKiln startWithTerminal(Path home) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", home.resolve("bin/kiln").toString(), "/dev/null");
        isolate(builder);
        builder.environment().put("TERM", "dumb");
        return new RunningKiln(builder.start());
    }

    /** Types a line into the shell. */
    RunningKiln type(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        return this;
    }

    /** Types a command and waits until a line containing {@code expected} follows it. */
    RunningKiln run(String command, String expected) throws IOException {
        int before = output.size();
        type(command);
        await("'" + expected + "' after " + command + " in " + output).atMost(Duration.ofSeconds(30))
                .until(() -> output.subList(before, output.size()).stream().anyMatch(line -> line.contains(expected)));
        return this;
    }

    /** Sends a signal ({@code TERM}, {@code INT}) to the Java process. */
    void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** Waits for the process to end and returns its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("Kiln did not exit; output: " + output);
        }
        // let the readers drain what is left
        await().atMost(Duration.ofSeconds(5)).until(() -> !process.isAlive());
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
