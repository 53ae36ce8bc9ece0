package io.kiln.itests.support;

import java.io.IOException;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Prints every thread's whole stack when a thread of the test JVM has waited for one of Felix's framework locks at
 * two looks in a row, a minute apart: a framework that hangs on start (Pax Exam then waits minutes for a start level
 * and for the stop, and says nothing of why). Felix's global lock is a field and a condition, not a Java lock, so the
 * JVM's own deadlock detection does not see such a hang. Written to standard error and to
 * {@code target/thread-dump-N.txt}; one watch for the whole JVM, which runs one test class after another.
 */
final class HangWatch {

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final long LOOK_MILLIS = 60_000;
    private static final Set<String> LOCK_WAITS = Set.of("org.apache.felix.framework.Felix.acquireGlobalLock",
            "org.apache.felix.framework.Felix.acquireBundleLock");

    static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        ScheduledExecutorService looks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kiln-itests-hang-watch");
            thread.setDaemon(true);
            return thread;
        });
        looks.scheduleWithFixedDelay(new HangWatch()::look, LOOK_MILLIS, LOOK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The threads that waited for a Felix lock at the last look; read and written on the watch's one thread only. */
    private Set<Long> waitingBefore = Set.of();
    private int dumps;

    private void look() {
        if (dumps >= 3) {
            return;
        }
        ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
        Set<Long> waiting = new HashSet<>();
        for (ThreadInfo thread : threads) {
            if (Arrays.stream(thread.getStackTrace()).anyMatch(f -> LOCK_WAITS.contains(f.getClassName() + "." + f.getMethodName()))) {
                waiting.add(thread.getThreadId());
            }
        }
        if (waiting.stream().anyMatch(waitingBefore::contains)) {
            write(threads, ++dumps);
        }
        waitingBefore = waiting;
    }

    private static void write(ThreadInfo[] threads, int number) {
        StringBuilder text = new StringBuilder("kiln itests: a thread waited for a Felix lock for a minute; every thread:\n");
        for (ThreadInfo thread : threads) {
            text.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
            if (thread.getLockInfo() != null) {
                text.append(" on ").append(thread.getLockInfo()).append(" owned by \"").append(thread.getLockOwnerName()).append('"');
            }
            text.append('\n');
            StackTraceElement[] frames = thread.getStackTrace();
            for (int i = 0; i < frames.length; i++) {
                text.append("    at ").append(frames[i]).append('\n');
                for (MonitorInfo monitor : thread.getLockedMonitors()) {
                    if (monitor.getLockedStackDepth() == i) {
                        text.append("    - locked ").append(monitor).append('\n');
                    }
                }
            }
            for (LockInfo lock : thread.getLockedSynchronizers()) {
                text.append("    - holds ").append(lock).append('\n');
            }
            text.append('\n');
        }
        System.err.print(text);
        try {
            Files.writeString(Path.of("target", "thread-dump-" + number + ".txt"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("kiln itests: could not write the thread dump: " + e);
        }
    }
}
