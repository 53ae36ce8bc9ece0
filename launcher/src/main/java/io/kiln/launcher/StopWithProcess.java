package io.kiln.launcher;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A Kiln started for another process's session (dev mode's) stops when that process ends, however it ends: dev mode
 * killed with SIGKILL, or its terminal closed, would otherwise leave its Kiln running for nobody, holding the folder's
 * lock and the admin port. The process is named by the system property {@value #PROPERTY}.
 */
public final class StopWithProcess {

    /** The system property naming the process (its pid) whose end stops this Kiln. */
    public static final String PROPERTY = "kiln.stopWithProcess";

    private StopWithProcess() {
    }

    /** @return the JVM option that has a Kiln stop when this process ends */
    public static String optionForThisProcess() {
        return "-D" + PROPERTY + "=" + ProcessHandle.current().pid();
    }

    /**
     * @param pid the property's value, {@code null} for none
     * @return the process it names; empty for none
     * @throws LaunchException if the value is no process id (checked before Kiln starts)
     */
    static Optional<Long> owner(String pid) throws LaunchException {
        if (pid == null || pid.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(pid.strip()));
        } catch (NumberFormatException e) {
            throw new LaunchException(PROPERTY + " must be a process id, not '" + pid + "'");
        }
    }

    /**
     * Runs {@code stop}, on a thread of the JDK's, once the process has ended; on such a thread at once if it has
     * already.
     */
    static void watch(long pid, Runnable stop) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            CompletableFuture.runAsync(stop);
        } else {
            process.get().onExit().thenRun(stop);
        }
    }
}
