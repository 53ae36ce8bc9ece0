package io.kiln.launcher.client;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.List;

/**
 * {@code kiln dev --tests}: after each good reload, the project's unit tests run in the background with Maven
 * ({@code mvn -B -q test}); a newer save cancels a run still going. A failing test prints its failures and
 * {@code tests: FAILED}; it undeploys nothing.
 */
final class TestRuns implements AutoCloseable {

    private static final int MAX_LINES = 40;

    private final DevProject project;
    private final Maven maven;
    private final PrintStream out;
    private Process running;

    TestRuns(DevProject project, Maven maven, PrintStream out) {
        this.project = project;
        this.maven = maven;
        this.out = out;
    }

    /** Starts a run, cancelling the one still going. */
    synchronized void start() {
        cancel();
        Process process;
        try {
            process = maven.start(project.dir(), List.of("test"));
        } catch (IOException e) {
            out.println("tests: cannot run " + maven + ": " + e.getMessage());
            return;
        }
        running = process;
        long started = System.nanoTime();
        Thread reader = new Thread(() -> report(process, started), "kiln-dev-tests");
        reader.setDaemon(true);
        reader.start();
    }

    /** Cancels the run still going, if any (a newer save is on its way). */
    synchronized void cancel() {
        Process process = running;
        running = null;
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy); // Surefire's forked JVM
            process.destroy();
            out.println("tests: cancelled (a newer save)");
        }
    }

    private void report(Process process, long started) {
        String output;
        int exit;
        try {
            output = Maven.plain(new String(process.getInputStream().readAllBytes(), Charset.defaultCharset()));
            exit = process.waitFor();
        } catch (IOException e) {
            output = "";
            exit = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (running != process) {
                return; // cancelled: said so already
            }
            running = null;
        }
        String seconds = String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9);
        synchronized (out) {
            if (exit == 0) {
                out.println("tests: passed (" + seconds + ")");
                return;
            }
            List<String> lines = failures(output);
            lines.stream().limit(MAX_LINES).forEach(l -> out.println("  " + l));
            if (lines.size() > MAX_LINES) {
                out.println("  ... " + (lines.size() - MAX_LINES) + " more lines (mvn test in " + project.dir() + " shows them all)");
            }
            out.println("tests: FAILED (" + seconds + "); the plugin stays deployed");
        }
    }

    /**
     * Maven's error lines: the failures' summary and the verdict (a test compile error's lines too), without the
     * stack traces Surefire prints for each failure, the per-class lines, or Maven's advice on how to run it again.
     */
    static List<String> failures(String output) {
        return output.lines().filter(l -> l.startsWith("[ERROR]") && !l.isBlank())
                .filter(l -> !l.contains("-> [Help 1]") && !l.contains("To see the full stack trace") && !l.contains("Re-run Maven")
                        && !l.contains("For more information about the errors") && !l.contains("[Help 1] http") && !l.strip().equals("[ERROR]")
                        && !l.contains("Please refer to ") && !l.contains("Time elapsed:") && !l.contains("After correcting the problems")
                        && !l.contains("mvn <args> -rf"))
                .toList();
    }

    @Override
    public void close() {
        synchronized (this) {
            Process process = running;
            running = null;
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }
        }
    }
}
