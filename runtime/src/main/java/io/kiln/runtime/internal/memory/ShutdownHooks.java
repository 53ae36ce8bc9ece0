package io.kiln.runtime.internal.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kiln.runtime.api.Leftover;

/**
 * The shutdown hooks of a stopped plugin: hook threads whose class or Runnable is the plugin's, or whose context class
 * loader is. A hook keeps the class loader until the JVM exits, and would run then against a plugin that is gone, so
 * it is removed.
 */
final class ShutdownHooks {

    private final JdkInternals jdk;
    private final LeakedThreads threads;

    ShutdownHooks(JdkInternals jdk, LeakedThreads threads) {
        this.jdk = jdk;
        this.threads = threads;
    }

    /** @return the plugin's hooks, each with what it runs */
    Map<Thread, String> find(PluginCode code) {
        Map<Thread, String> found = new java.util.LinkedHashMap<>();
        for (Thread hook : hooks()) {
            Optional<String> runs = threads.runs(code, hook, new StackTraceElement[0]);
            if (runs.isPresent()) {
                found.put(hook, LeakedThreads.describe(hook) + " (runs " + runs.get() + ")");
            } else if (hook.getContextClassLoader() == code.loader()) {
                found.put(hook, LeakedThreads.describe(hook) + " (its context class loader is the plugin's)");
            }
        }
        return found;
    }

    List<Leftover> remove(Map<Thread, String> found) {
        List<Leftover> done = new ArrayList<>();
        found.forEach((hook, description) -> {
            boolean removed;
            try {
                removed = Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                removed = false; // the JVM is shutting down already
            }
            done.add(new Leftover(Leftover.Kind.SHUTDOWN_HOOK, description,
                    removed ? Leftover.Handling.REMOVED : Leftover.Handling.REPORTED));
        });
        return done;
    }

    private List<Thread> hooks() {
        if (jdk.shutdownHooks.isEmpty() || jdk.shutdownHooksClass.isEmpty()) {
            return List.of();
        }
        // the JDK's own lock of the hooks, as addShutdownHook and removeShutdownHook take it
        synchronized (jdk.shutdownHooksClass.get()) {
            try {
                Map<?, ?> hooks = (Map<?, ?>) jdk.shutdownHooks.get().get(null);
                return hooks == null ? List.of() : hooks.keySet().stream().map(Thread.class::cast).toList();
            } catch (IllegalAccessException e) {
                return List.of();
            }
        }
    }
}
