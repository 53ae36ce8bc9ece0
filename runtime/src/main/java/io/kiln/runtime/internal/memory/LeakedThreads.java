package io.kiln.runtime.internal.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.kiln.runtime.api.Leftover;

/**
 * The live threads of a stopped plugin: those it started (the thread's class, its Runnable's class or the frame the
 * thread began in is the plugin's), those still in a call into its code (a frame higher up the stack is the
 * plugin's), and those whose context class loader is the plugin's. All keep the class loader in memory; only the first
 * are the plugin's to stop. Right after a revision stopped no other revision of the plugin runs, so a frame of a class
 * the plugin holds is its frame, unless another bundle holds a class of that name too (a library both embed): such a
 * frame does not count, lest Kiln interrupt another plugin's thread.
 */
final class LeakedThreads {

    /**
     * A live thread holding the plugin's code; {@code runsCode} when the plugin started it, false when it is another's
     * thread in a call into the plugin, or only its context class loader is the plugin's.
     */
    record Leaked(Thread thread, String description, boolean runsCode) {
    }

    private final JdkInternals jdk;

    LeakedThreads(JdkInternals jdk) {
        this.jdk = jdk;
    }

    List<Leaked> find(PluginCode code) {
        List<Leaked> found = new ArrayList<>();
        Thread self = Thread.currentThread();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            if (thread == self || !thread.isAlive() || isTimerThread(thread)) {
                continue;
            }
            Optional<String> runs = runs(code, thread, entry.getValue());
            Optional<String> calls = runs.isPresent() ? Optional.empty() : callsInto(code, entry.getValue());
            if (runs.isPresent()) {
                found.add(new Leaked(thread, describe(thread) + " (runs " + runs.get() + ")", true));
            } else if (calls.isPresent()) {
                // another's thread (a caller holding the service itself, a web request): not the plugin's to interrupt
                found.add(new Leaked(thread, describe(thread) + " (in a call into " + calls.get() + ")", false));
            } else if (thread.getContextClassLoader() == code.loader()) {
                found.add(new Leaked(thread, describe(thread) + " (its context class loader is the plugin's)", false));
            }
        }
        return found;
    }

    /** @return the plugin class the thread was started to run, if the plugin started it */
    Optional<String> runs(PluginCode code, Thread thread, StackTraceElement[] stack) {
        if (code.defined(thread.getClass())) {
            return Optional.of(thread.getClass().getName());
        }
        Optional<Object> target = target(thread);
        if (target.isPresent() && code.defined(target.get().getClass())) {
            return Optional.of(target.get().getClass().getName().replaceFirst("\\$\\$Lambda.*", " (a lambda)"));
        }
        // the frame the thread began in: the deepest one that is not the Thread class's own
        for (int i = stack.length - 1; i >= 0; i--) {
            if (!stack[i].getClassName().equals(Thread.class.getName())) {
                return code.holds(stack[i].getClassName()) ? Optional.of(stack[i].getClassName()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** @return the plugin class a thread that is not the plugin's is in a call to, if it is in one */
    static Optional<String> callsInto(PluginCode code, StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (code.holds(frame.getClassName())) {
                return Optional.of(frame.getClassName());
            }
        }
        return Optional.empty();
    }

    /**
     * Interrupts the threads that run the plugin's code and waits, up to {@code waitMillis} in all, for each to end. A
     * thread that only has the plugin's context class loader is not the plugin's to stop: it is reported as it is.
     */
    List<Leftover> stop(List<Leaked> leaked, long waitMillis) {
        leaked.stream().filter(Leaked::runsCode).forEach(l -> l.thread().interrupt());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        List<Leftover> done = new ArrayList<>();
        for (Leaked l : leaked) {
            Leftover.Handling handling = Leftover.Handling.REPORTED;
            if (l.runsCode()) {
                handling = join(l.thread(), deadline) ? Leftover.Handling.ENDED : Leftover.Handling.STILL_RUNNING;
            }
            done.add(new Leftover(Leftover.Kind.THREAD, l.description(), handling));
        }
        return done;
    }

    private static boolean join(Thread thread, long deadlineNanos) {
        try {
            long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            thread.join(Math.max(1, left));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /** Timers are {@link Timers}' to report: their thread is the JDK's, their tasks the plugin's. */
    private boolean isTimerThread(Thread thread) {
        return jdk.timerQueue.isPresent() && jdk.timerThread.map(t -> t.isInstance(thread)).orElse(false);
    }

    Optional<Object> target(Thread thread) {
        return jdk.threadTarget.map(field -> {
            try {
                return field.get(thread);
            } catch (IllegalAccessException e) {
                return null;
            }
        });
    }

    static String describe(Thread thread) {
        return "\"" + thread.getName() + "\"";
    }
}
