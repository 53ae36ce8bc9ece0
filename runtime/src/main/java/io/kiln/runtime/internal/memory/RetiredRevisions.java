package io.kiln.runtime.internal.memory;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

import io.kiln.runtime.api.RetainedRevision;

/**
 * Watches the class loaders of plugins' stopped revisions, through weak references only, and reports each one still in
 * memory once its grace period is over, with what Kiln can see holding it. A reported revision stays listed until its
 * class loader is collected.
 * <p>
 * A revision that is current again when its grace period ends (a reload that needed no refresh, a disable) was not
 * retired, and is dropped. Before it reports, the watch asks the JVM for one full collection ({@code System.gc()})
 * when {@code gcFirst} is set: a loader that nothing holds may otherwise sit uncollected in the old generation for
 * hours, and be reported for no reason. It asks only when a revision's grace period is over and its loader is still
 * there, so at most once per retirement. One daemon thread runs the checks; nothing polls.
 */
final class RetiredRevisions implements AutoCloseable {

    private static final class Watched {
        final String plugin;
        final String version;
        final Instant retired;
        final WeakReference<ClassLoader> loader;
        final WeakReference<BundleWiring> wiring;
        List<String> holders; // set once reported

        Watched(PluginCode code, BundleWiring wiring, Instant retired) {
            this.plugin = code.plugin();
            this.version = code.version();
            this.retired = retired;
            this.loader = new WeakReference<>(code.loader());
            this.wiring = new WeakReference<>(wiring);
        }

        boolean collected() {
            return loader.get() == null;
        }

        boolean current() {
            BundleWiring w = wiring.get();
            return w != null && w.isCurrent();
        }

        RetainedRevision toApi() {
            return new RetainedRevision(plugin, version, retired, holders);
        }
    }

    private final LeftoverFinder finder;
    private final Consumer<RetainedRevision> report;
    private final List<Watched> watched = new ArrayList<>();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "kiln-retired-revisions");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Duration grace;
    private volatile boolean gcFirst;

    RetiredRevisions(LeftoverFinder finder, Duration grace, boolean gcFirst, Consumer<RetainedRevision> report) {
        this.finder = finder;
        this.grace = grace;
        this.gcFirst = gcFirst;
        this.report = report;
    }

    void settings(Duration grace, boolean gcFirst) {
        this.grace = grace;
        this.gcFirst = gcFirst;
        schedule(Duration.ZERO);
    }

    /** Watches a revision that has just stopped; it counts as retired from now. */
    synchronized void watch(PluginCode code, BundleWiring wiring) {
        if (watched.stream().anyMatch(w -> w.loader.get() == code.loader())) {
            return; // stopped again without a refresh: the same revision, watched since it first stopped
        }
        watched.add(new Watched(code, wiring, Instant.now()));
        schedule(grace);
    }

    /** @return the revisions reported as retained whose class loader is still in memory, oldest first */
    synchronized List<RetainedRevision> retained() {
        watched.removeIf(Watched::collected);
        return watched.stream().filter(w -> w.holders != null).map(Watched::toApi).toList();
    }

    /** @return how many stopped revisions are watched and not yet collected, reported or not */
    synchronized int watching() {
        watched.removeIf(Watched::collected);
        return watched.size();
    }

    private void schedule(Duration delay) {
        if (!checks.isShutdown()) {
            checks.schedule(this::check, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    private void check() {
        List<Watched> due = due();
        if (due.isEmpty()) {
            return;
        }
        if (gcFirst) {
            System.gc(); // outside the lock: a collection may take a while
            due = due();
        }
        for (Watched w : due) {
            Optional<List<String>> holders = holders(w);
            if (holders.isEmpty()) {
                continue;
            }
            synchronized (this) {
                w.holders = holders.get();
            }
            report.accept(w.toApi());
        }
    }

    /** Drops the collected and the current again; returns those whose grace period is over, and schedules the rest. */
    private synchronized List<Watched> due() {
        watched.removeIf(w -> w.collected() || (w.holders == null && w.current()));
        Instant now = Instant.now();
        List<Watched> due = new ArrayList<>();
        Instant next = null;
        for (Watched w : watched) {
            if (w.holders != null) {
                continue;
            }
            Instant end = w.retired.plus(grace);
            if (now.isBefore(end)) {
                next = next == null || end.isBefore(next) ? end : next;
            } else {
                due.add(w);
            }
        }
        if (next != null) {
            schedule(Duration.between(now, next));
        }
        return due;
    }

    /** What holds the revision's class loader, or empty if it has been collected meanwhile. */
    private Optional<List<String>> holders(Watched w) {
        ClassLoader loader = w.loader.get();
        if (loader == null) {
            return Optional.empty();
        }
        List<String> holders = new ArrayList<>(finder.holders(PluginCode.retired(w.plugin, w.version, loader)));
        BundleWiring wiring = w.wiring.get();
        if (wiring != null && wiring.isInUse()) {
            List<BundleWire> wires = wiring.getProvidedWires(null);
            List<String> users = wires == null ? List.of()
                    : wires.stream().map(wire -> wire.getRequirerWiring().getBundle().getSymbolicName()).distinct().sorted().toList();
            holders.add("the framework keeps it in use (removal pending until a refresh)"
                    + (users.isEmpty() ? "" : ", wired to " + String.join(", ", users)));
        }
        if (holders.isEmpty()) {
            holders.add("nothing Kiln can see: a reference from outside the plugin (another bundle's static field or cache, a "
                    + "ThreadLocal, a listener it did not remove); a heap dump shows the path (jcmd <pid> GC.heap_dump)");
        }
        return Optional.of(holders);
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
