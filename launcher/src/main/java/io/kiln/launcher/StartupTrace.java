package io.kiln.launcher;

import java.lang.management.ManagementFactory;

/**
 * With {@code -Dkiln.startup.trace=true}: one console line for each step of the start, with the time since the JVM
 * started, so that a slow launch can be split into its steps without a profiler.
 */
final class StartupTrace {

    private static final boolean ON = Boolean.getBoolean("kiln.startup.trace");

    private StartupTrace() {
    }

    /** Prints {@code kiln: [at N ms] } and the formatted step, when the trace is on. */
    static void step(String format, Object... arguments) {
        if (ON) {
            System.out.printf("kiln: [at %d ms] " + format + "%n", prepend(millisSinceJvmStart(), arguments));
        }
    }

    /** @return the milliseconds since the JVM started (the management classes it loads cost a few on first use) */
    static long millisSinceJvmStart() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    private static Object[] prepend(long uptime, Object[] arguments) {
        Object[] all = new Object[arguments.length + 1];
        all[0] = uptime;
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return all;
    }
}
