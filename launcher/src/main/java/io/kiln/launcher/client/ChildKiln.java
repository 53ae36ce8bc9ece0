package io.kiln.launcher.client;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.kiln.launcher.StopWithProcess;

/**
 * The Kiln dev mode starts when none runs: this distribution's own {@code bin/kiln --headless}, as a child process
 * whose output goes straight to dev mode's console (so the plugin's log lines appear as they are written). It is
 * ready once it has written {@code data/api-url} naming its own process; {@link #close()} stops it cleanly (SIGTERM,
 * which Kiln answers by stopping the framework) and waits for it; a dev mode that ends without closing it (SIGKILL)
 * stops it all the same ({@link io.kiln.launcher.StopWithProcess}).
 */
final class ChildKiln implements AutoCloseable {

    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final long startedNanos = System.nanoTime();

    private ChildKiln(Process process) {
        this.process = process;
    }

    long millisSinceStart() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** The JVM option that opens a debugger port on loopback, without waiting for a debugger. */
    static String debugOption(int port) {
        return "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + port;
    }

    /**
     * Asks the Kiln to warm its compiler up as it starts (framework property {@code kiln.build.warmUp}): dev mode's
     * first build then finds it warm, the warm-up having run while Maven resolved the class path.
     */
    static final String WARM_UP = "-Dkiln.build.warmUp=true";

    /** The variable by which bin/kiln chooses its JVM options (server or dev). */
    static final String JVM = "KILN_JVM";

    /** @param javaOptions added to {@code KILN_JAVA_OPTS} after {@link #WARM_UP} (the debugger's port), or {@code null} */
    static ChildKiln start(Path home, Map<String, String> env, String javaOptions) throws ClientException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kiln").toString(), "--headless")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().clear();
        builder.environment().putAll(env);
        // it stops when dev mode ends, even by SIGKILL, which leaves close() no chance to stop it
        String own = WARM_UP + " " + StopWithProcess.optionForThisProcess();
        String added = javaOptions == null ? own : own + " " + javaOptions;
        String before = env.getOrDefault("KILN_JAVA_OPTS", "").strip();
        builder.environment().put("KILN_JAVA_OPTS", before.isEmpty() ? added : before + " " + added);
        // bin/kiln's quick-start JVM options: dev mode's Kiln is started often and lives for a session (KILN_JVM=server keeps C2)
        builder.environment().putIfAbsent(JVM, "dev");
        try {
            return new ChildKiln(builder.start());
        } catch (IOException e) {
            throw new ClientException("cannot start " + home.resolve("bin/kiln") + ": " + e.getMessage());
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    java.util.concurrent.CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /**
     * Waits, on the file system's notifications, until the child has written {@code apiUrlFile} naming its own pid
     * (bin/kiln execs the JVM: the same process), or has ended.
     * @return the address its API listens on
     */
    URI awaitReady(Path apiUrlFile, Duration timeout) throws ClientException, InterruptedException {
        Path folder = apiUrlFile.toAbsolutePath().getParent();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            Files.createDirectories(folder);
            folder.register(watcher, ENTRY_CREATE, ENTRY_MODIFY);
            process.onExit().thenRun(() -> {
                try {
                    watcher.close(); // wakes the wait below
                } catch (IOException e) {
                    // closed already
                }
            });
            for (;;) {
                ApiUrlFile file = ApiUrlFile.read(apiUrlFile);
                if (file != null && file.pid() == process.pid()) {
                    return URI.create(file.url().endsWith("/") ? file.url() : file.url() + "/");
                }
                if (!process.isAlive()) {
                    throw exited();
                }
                long left = deadline - System.nanoTime();
                WatchKey key = left <= 0 ? null : watcher.poll(left, TimeUnit.NANOSECONDS);
                if (key == null) {
                    throw new ClientException("Kiln (pid " + process.pid() + ") did not write " + apiUrlFile + " within " + timeout.toSeconds()
                            + " s; stopping it");
                }
                key.pollEvents();
                key.reset();
            }
        } catch (ClosedWatchServiceException e) {
            throw exited();
        } catch (IOException e) {
            throw new ClientException("cannot watch " + folder + " for Kiln's address: " + e.getMessage());
        }
    }

    private ClientException exited() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ClientException("Kiln exited (" + process.exitValue() + ") before it was ready; its output is above");
    }

    /** Stops the child cleanly and waits for it; @return its exit code, or -1 if it had to be killed */
    int stop() {
        if (!process.isAlive()) {
            return process.exitValue();
        }
        process.destroy();
        try {
            if (process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                return process.exitValue();
            }
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    @Override
    public void close() {
        stop();
    }
}
