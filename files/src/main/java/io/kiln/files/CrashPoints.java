package io.kiln.files;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * <b>For tests only</b>: a fault-injection hook that stops the process dead at the N-th durable write step of
 * {@link AtomicFiles}, so that a test can check what Kiln comes back to after a crash at exactly that point. Never set
 * it on a Kiln that holds anything of value: it halts the JVM on purpose.
 * <p>
 * Off unless the system property {@value #PROPERTY} is a positive number N: then, counting every step in turn (a
 * temporary file written, synced, renamed over its target, its folder synced; an append written, synced; a delete, its
 * folder synced), the process prints one line to {@code stderr} naming the step and the file, and halts
 * ({@link Runtime#halt}: no shutdown hook, no flush, as {@code kill -9} would) right after step N. With
 * {@value #FROM} set as well, counting starts at the first step on a file whose path contains that text, so that
 * N counts from the start of one change rather than from the start of the process.
 * <p>
 * Read once as the class loads: unset, each step costs one read of a constant {@code false}. Each copy of this
 * package (the runtime and the HTTP bundle embed their own) counts its own steps.
 */
public final class CrashPoints {

    /** System property: the step to halt after, counted from 1; unset or not positive, the hook is off. */
    public static final String PROPERTY = "kiln.test.crashAtWrite";

    /** System property: count from the first step on a file whose path contains this text (unset: from the start). */
    public static final String FROM = "kiln.test.crashAtWrite.from";

    /** The exit code of a process this hook halted, as a shell reports {@code kill -9}: 128 + 9. */
    public static final int EXIT_CODE = 137;

    private static final int HALT_AT = haltAt();
    private static final boolean ON = HALT_AT > 0;
    private static final String ARM = System.getProperty(FROM, "");
    private static final AtomicInteger STEPS = new AtomicInteger();
    private static volatile boolean armed = ARM.isEmpty();

    private CrashPoints() {
    }

    /** Counts one durable step just done on {@code file}, and halts the process if it is the one asked for. */
    static void step(String what, Path file) {
        if (ON) {
            count(what, file);
        }
    }

    private static void count(String what, Path file) {
        if (!armed) {
            if (!file.toString().contains(ARM)) {
                return;
            }
            armed = true;
        }
        int step = STEPS.incrementAndGet();
        if (step == HALT_AT) {
            System.err.println(PROPERTY + ": halting after write step " + step + " (" + what + " " + file + ")");
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }

    private static int haltAt() {
        String value = System.getProperty(PROPERTY, "").strip();
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + "=" + value + ": not a number (the write step to halt after, from 1)", e);
        }
    }
}
