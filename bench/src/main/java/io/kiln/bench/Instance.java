package io.kiln.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One launched runtime: the process the harness spawned and the JVM it runs (the same process when the
 * start script {@code exec}s java, as Kiln's does; a child of it otherwise, as with Karaf's).
 */
final class Instance {

    private final Process process;
    private final long spawnMicros;
    private final ConsoleLog console;
    private ProcessHandle jvm;

    private Instance(Process process, long spawnMicros, ConsoleLog console) {
        this.process = process;
        this.spawnMicros = spawnMicros;
        this.console = console;
    }

    /** Spawns the product at {@code home}; its output goes to {@code log}. */
    static Instance launch(Product product, Path home, Path log) throws IOException {
        return spawn(product.command(home), log, product.readyLine(), false);
    }

    /**
     * Spawns another command of a product (as {@code bin/kiln dev}); its output goes to {@code log} and is kept
     * line by line for {@link ConsoleLog#awaitLine}.
     */
    static Instance launchKeepingLines(ProcessBuilder command, Path log) throws IOException {
        return spawn(command, log, Optional.empty(), true);
    }

    private static Instance spawn(ProcessBuilder command, Path log, Optional<java.util.regex.Pattern> readyLine, boolean keepLines)
            throws IOException {
        ProcessBuilder builder = command.redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        long spawn = Micros.now();
        Process process = builder.start();
        return new Instance(process, spawn, new ConsoleLog(process.getInputStream(), log, readyLine, keepLines));
    }

    /** The instant just before the process was spawned, in epoch microseconds. */
    long spawnMicros() {
        return spawnMicros;
    }

    ConsoleLog console() {
        return console;
    }

    /** The JVM's process id: the spawned process itself once it has exec'd java, or its java descendant. */
    synchronized long jvmPid() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (jvm == null) {
            ProcessHandle root = process.toHandle();
            jvm = isJava(root) ? root : root.descendants().filter(Instance::isJava).findFirst().orElse(null);
            if (jvm == null) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("no java process under pid " + process.pid());
                }
                Thread.sleep(20);
            }
        }
        return jvm.pid();
    }

    private static boolean isJava(ProcessHandle handle) {
        Optional<String> command = handle.info().command();
        return command.isPresent() && command.get().endsWith("/java");
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Stops the runtime as a service manager would: SIGTERM to the JVM, then waits for the JVM and the spawned
     * process to exit; kills every process of the tree that is left after {@code timeout}. The JVM is looked up
     * here too, so that a start script that does not {@code exec} java never leaves an orphaned JVM behind, even
     * when the runtime never got as far as the probe.
     *
     * @return the spawned process's exit code, or -1 if it had to be killed
     */
    int stop(Duration timeout) throws InterruptedException {
        ProcessHandle root = process.toHandle();
        List<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants()).toList();
        ProcessHandle target = jvm != null ? jvm : tree.stream().filter(Instance::isJava).findFirst().orElse(root);
        target.destroy();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) && awaitExit(target, deadline);
        if (exited && tree.stream().noneMatch(ProcessHandle::isAlive)) {
            return process.exitValue();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
        return -1;
    }

    private static boolean awaitExit(ProcessHandle handle, long deadlineNanos) throws InterruptedException {
        while (handle.isAlive()) {
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
