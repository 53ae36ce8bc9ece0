package io.kiln.runtime.internal.memory;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.TimerTask;

import io.kiln.runtime.api.Leftover;

/**
 * The {@code java.util.Timer}s of a stopped plugin: timer threads with a task of the plugin's scheduled, or whose
 * context class loader is the plugin's. A timer whose every task is the plugin's is cancelled, as
 * {@code Timer.cancel()} does it (no more tasks, the queue emptied, the thread woken to end); one that also runs
 * others' tasks is reported only.
 */
final class Timers {

    /** A timer thread, its queue, and whether all its tasks are the plugin's. */
    record Found(Thread thread, Object queue, String description, boolean onlyThePlugins) {
    }

    private final JdkInternals jdk;

    Timers(JdkInternals jdk) {
        this.jdk = jdk;
    }

    List<Found> find(PluginCode code) {
        List<Found> found = new ArrayList<>();
        if (jdk.timerThread.isEmpty() || jdk.timerQueue.isEmpty() || jdk.taskArray.isEmpty() || jdk.taskCount.isEmpty()) {
            return found;
        }
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!jdk.timerThread.get().isInstance(thread) || !thread.isAlive()) {
                continue;
            }
            try {
                Object queue = jdk.timerQueue.get().get(thread);
                List<TimerTask> tasks = tasks(queue);
                List<TimerTask> plugins = tasks.stream().filter(t -> code.defined(t.getClass())).toList();
                if (!plugins.isEmpty()) {
                    String names = String.join(", ", plugins.stream().map(t -> t.getClass().getName()).distinct().toList());
                    found.add(new Found(thread, queue, LeakedThreads.describe(thread) + " (tasks " + names + ")",
                            plugins.size() == tasks.size()));
                } else if (thread.getContextClassLoader() == code.loader()) {
                    found.add(new Found(thread, queue, LeakedThreads.describe(thread) + " (its context class loader is the plugin's)",
                            tasks.isEmpty()));
                }
            } catch (IllegalAccessException e) {
                // not open after all: nothing to say about this one
            }
        }
        return found;
    }

    List<Leftover> cancel(List<Found> found) {
        List<Leftover> done = new ArrayList<>();
        for (Found timer : found) {
            boolean cancelled = timer.onlyThePlugins() && cancel(timer);
            done.add(new Leftover(Leftover.Kind.TIMER, timer.description(),
                    cancelled ? Leftover.Handling.REMOVED : Leftover.Handling.REPORTED));
        }
        return done;
    }

    private List<TimerTask> tasks(Object queue) throws IllegalAccessException {
        synchronized (queue) {
            TimerTask[] array = (TimerTask[]) jdk.taskArray.get().get(queue);
            int size = jdk.taskCount.get().getInt(queue);
            List<TimerTask> tasks = new ArrayList<>();
            // TaskQueue is a heap that starts at index 1
            for (int i = 1; i <= size && i < array.length; i++) {
                if (array[i] != null) {
                    tasks.add(array[i]);
                }
            }
            return tasks;
        }
    }

    /** What {@code Timer.cancel()} does, on the timer's own lock. */
    private boolean cancel(Found timer) {
        if (jdk.timerMayBeScheduled.isEmpty() || jdk.taskClear.isEmpty()) {
            return false;
        }
        Object queue = timer.queue();
        synchronized (queue) {
            try {
                jdk.timerMayBeScheduled.get().setBoolean(timer.thread(), false);
                jdk.taskClear.get().invoke(queue);
                queue.notifyAll();
                return true;
            } catch (IllegalAccessException | InvocationTargetException e) {
                return false;
            }
        }
    }
}
