package io.kiln.files;

import java.nio.file.Files;
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
 * {@value #ARMED_BY} set as well, only the steps made while the file it names exists are counted, so that a test
 * counts N from the start of the one change it makes (it creates the file just before), not from the start of the
 * process.
 * <p>
 * Read once as the class loads: unset, each step costs one read of a constant {@code false}. Each copy of this
 * package (the runtime and the HTTP bundle embed their own) counts its own steps.
 */
public final class CrashPoints {

    /** System property: the step to halt after, counted from 1; unset or not positive, the hook is off. */
    public static final String PROPERTY = "kiln.test.crashAtWrite";

    /** System property: a file; only the steps made while it exists are counted (unset: every step). */
    public static final String ARMED_BY = "kiln.test.crashAtWrite.armedBy";

    /** The exit code of a process this hook halted, as a shell reports {@code kill -9}: 128 + 9. */
    public static final int EXIT_CODE = 137;

    private static final int HALT_AT = haltAt();
    private static final boolean ON = HALT_AT > 0;
    private static final String ARM = System.getProperty(ARMED_BY, "");
    private static final AtomicInteger STEPS = new AtomicInteger();

    private CrashPoints() {
    }

    /** Counts one durable step just done on {@code file}, and halts the process if it is the one asked for. */
    static void step(String what, Path file) {
        if (ON) {
            count(what, file);
        }
    }

    private static void count(String what, Path file) {
        if (!ARM.isEmpty() && !Files.exists(Path.of(ARM))) {
            return;
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
