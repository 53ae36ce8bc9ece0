package io.kiln.runtime.internal.memory;

import java.util.ArrayList;
import java.util.List;

import io.kiln.runtime.api.Leftover;

/**
 * Finds what a plugin's revision left behind that keeps its class loader in memory (threads, JDBC drivers, shutdown
 * hooks, timers), and cleans up what can be cleaned safely; or, for a retired revision, only says what holds it.
 */
final class LeftoverFinder {

    private final LeakedThreads threads;
    private final JdbcDrivers drivers;
    private final ShutdownHooks hooks;
    private final Timers timers;

    LeftoverFinder(JdkInternals jdk) {
        threads = new LeakedThreads(jdk);
        drivers = new JdbcDrivers(jdk);
        hooks = new ShutdownHooks(jdk, threads);
        timers = new Timers(jdk);
    }

    /**
     * Right after the revision stopped: deregisters its drivers, removes its shutdown hooks, cancels its timers, and
     * interrupts its threads and waits for them, up to {@code threadWaitMillis} in all.
     *
     * @return each leftover, with what was done about it; empty for a plugin that cleaned up after itself
     */
    List<Leftover> clean(PluginCode code, long threadWaitMillis) {
        List<Leftover> found = new ArrayList<>();
        found.addAll(drivers.deregister(drivers.find(code)));
        found.addAll(hooks.remove(hooks.find(code)));
        found.addAll(timers.cancel(timers.find(code)));
        found.addAll(threads.stop(threads.find(code), threadWaitMillis));
        return found;
    }

    /** @return what holds the revision's class loader, as far as Kiln can see, one line each; nothing is changed */
    List<String> holders(PluginCode code) {
        List<String> holders = new ArrayList<>();
        threads.find(code).forEach(t -> holders.add("thread " + t.description()));
        drivers.find(code).forEach(d -> holders.add("JDBC driver " + d.driver().getClass().getName()));
        hooks.find(code).values().forEach(h -> holders.add("shutdown hook " + h));
        timers.find(code).forEach(t -> holders.add("timer " + t.description()));
        return holders;
    }
}
