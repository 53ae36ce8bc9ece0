package io.kiln.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One run of a Kiln copy for the crash cycles: its real {@code bin/kiln --headless}, its output kept line by line and
 * logged, and the kill: SIGKILL to the JVM itself ({@code bin/kiln} {@code exec}s java, which is checked, so that no
 * wrapper shell is killed in its place and the JVM left running).
 */
final class CrashKiln implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private boolean ended; // guarded by lines: the output reached its end

    private CrashKiln(Process process, Path log) {
        this.process = process;
        Thread reader = new Thread(() -> drain(process.getInputStream(), log), "crash-kiln console");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the copy at {@code home}, the admin API on any free port; {@code javaOptions} are added to
     * {@code KILN_JAVA_OPTS} (the crash hook's properties).
     */
    static CrashKiln start(Path home, String javaOptions, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kiln").toString(), "--headless")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("KILN_JAVA_OPTS", ("-Dorg.osgi.service.http.port=0 " + javaOptions).strip());
        return new CrashKiln(builder.start(), log);
    }

    /**
     * The JVM: the spawned process once {@code bin/kiln} has exec'd java (checked, so that a script that stopped
     * exec'ing would not have its shell killed and the JVM left running), else a java child of it.
     */
    private ProcessHandle jvm() throws IOException, InterruptedException {
        ProcessHandle root = process.toHandle();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (isJava(root)) {
                return root;
            }
            Optional<ProcessHandle> child = root.descendants().filter(CrashKiln::isJava).findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            if (!root.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("bin/kiln (pid " + root.pid() + ") runs " + root.info().command().orElse("?") + ", and no java under it");
            }
            Thread.sleep(10); // the shell's exec is a moment away; there is no event for it
        }
    }

    private static boolean isJava(ProcessHandle handle) {
        return handle.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    private void drain(InputStream output, Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
             Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                file.write(line);
                file.write('\n');
                file.flush();
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone; its log ends here
        } finally {
            synchronized (lines) {
                ended = true;
                lines.notifyAll();
            }
        }
    }

    /** Every line printed so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /**
     * Waits until a line after the first {@code skip} matches, or the process ends, or {@code timeout} passes.
     *
     * @return the index of the line, or empty
     */
    Optional<Integer> awaitLine(int skip, Predicate<String> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            for (int next = skip; ; next++) {
                while (next >= lines.size()) {
                    long left = deadline - System.nanoTime();
                    if (ended || left <= 0) {
                        return Optional.empty();
                    }
                    lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
                if (matches.test(lines.get(next))) {
                    return Optional.of(next);
                }
            }
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** @return the exit code once the process has ended within {@code timeout}, else empty */
    Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
    }

    /** SIGKILL to the JVM, and waits for it to be gone. */
    void kill() throws IOException, InterruptedException {
        ProcessHandle jvm = process.isAlive() ? jvm() : process.toHandle();
        jvm.destroyForcibly();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        jvm.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> null).join();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
