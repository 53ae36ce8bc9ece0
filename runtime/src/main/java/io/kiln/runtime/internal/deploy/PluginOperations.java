package io.kiln.runtime.internal.deploy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.BundleRevisions;
import org.osgi.framework.wiring.BundleWiring;

import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.ReloadSummary;
import io.kiln.runtime.api.Trigger;

/**
 * The transactions an operator starts on a running plugin: reload (with its dependents and, if asked, its
 * dependencies, in dependency order), enable, disable and roll back.
 */
final class PluginOperations {

    private final DeployContext kiln;
    private final VersionSwap swap;

    PluginOperations(DeployContext kiln) {
        this.kiln = kiln;
        this.swap = new VersionSwap(kiln);
    }

    ReloadSummary reload(String name, boolean dependents, boolean dependencies, Trigger trigger) {
        Bundle target = kiln.requireBundle(name);
        DependencyGraph graph = new DependencyGraph(kiln.pluginBundles());
        Set<Bundle> set = new LinkedHashSet<>();
        set.add(target);
        if (dependencies) {
            set.addAll(graph.dependenciesOf(target));
        }
        if (dependents) {
            set.addAll(graph.dependentsOf(target));
        }
        return reload(graph, set, trigger);
    }

    ReloadSummary reloadAll(Trigger trigger) {
        List<Bundle> all = kiln.pluginBundles();
        return reload(new DependencyGraph(all), new LinkedHashSet<>(all), trigger);
    }

    /**
     * Stops the plugins last-dependent first (each saves its state), refreshes them, and starts them
     * dependencies first (each loads its state), checking each as it starts.
     */
    private ReloadSummary reload(DependencyGraph graph, Set<Bundle> set, Trigger trigger) {
        List<Bundle> order = graph.startOrder(set);
        List<ReentrantLock> locks = kiln.lockAll(order);
        Map<Bundle, PluginSwap> swaps = new HashMap<>();
        try {
            Map<Bundle, Transaction> transactions = new HashMap<>();
            order.forEach(b -> transactions.put(b, new Transaction(kiln, b.getSymbolicName(), Action.RELOAD, trigger)));
            Map<Bundle, Map<String, Integer>> before = new HashMap<>();
            Map<Bundle, String> stopFailures = new HashMap<>();
            Map<Bundle, DependentPlugins> outside = new HashMap<>();
            for (Bundle bundle : order) {
                before.put(bundle, kiln.verifier.componentStates(bundle));
                // dependents that are not reloaded with it must still be back as they were afterwards
                outside.put(bundle, DependentPlugins.of(kiln, bundle).without(set));
                swaps.put(bundle, new PluginSwap(kiln, bundle, outside.get(bundle)));
            }
            for (int i = order.size() - 1; i >= 0; i--) {
                try {
                    swaps.get(order.get(i)).stop();
                    transactions.get(order.get(i)).leftovers(kiln.memory.stopped(order.get(i)));
                } catch (BundleException | StuckException e) {
                    stopFailures.put(order.get(i), "did not stop: " + e.getMessage());
                }
            }
            String refreshFailure = "";
            List<Bundle> stale = order.stream().filter(PluginOperations::hasStaleWiring).toList();
            try {
                // only what is out of date: refreshing a current bundle would restart everything that imports
                // from it, plugin or not
                if (!stale.isEmpty()) {
                    // each stale plugin's entry counts what a refresh of it takes in
                    stale.forEach(b -> transactions.get(b).refreshed(kiln.lifecycle.closure(List.of(b)).size()));
                    kiln.lifecycle.refresh(stale);
                }
            } catch (StuckException e) {
                refreshFailure = e.getMessage();
            }
            Map<Bundle, String> failures = new HashMap<>();
            for (Bundle bundle : order) {
                boolean enabled = kiln.records.plugin(bundle.getSymbolicName()).map(PluginRecord::enabled).orElse(true);
                String failure = stopFailures.getOrDefault(bundle, refreshFailure);
                if (failure.isEmpty() && enabled) {
                    try {
                        kiln.lifecycle.start(bundle);
                        transactions.get(bundle).restartedItself();
                        kiln.verifier.verify(bundle, before.get(bundle));
                        // what it serves again, its callers may call now (the next in the order may, as it starts)
                        swaps.get(bundle).settle(true, before.get(bundle));
                    } catch (BundleException | StuckException | VerificationException e) {
                        failure = e.getMessage();
                    }
                }
                failures.put(bundle, failure);
            }
            List<ChangeResult> results = new ArrayList<>();
            for (Bundle bundle : order) {
                String version = bundle.getVersion().toString();
                Transaction tx = transactions.get(bundle);
                List<DependentChange> dependents = swaps.get(bundle).end(outside.get(bundle).bringBack(), stale.contains(bundle));
                String failure = failures.get(bundle);
                if (!DependentPlugins.allIntact(dependents)) {
                    failure = (failure.isEmpty() ? "" : failure + "; ") + DependentPlugins.describeBroken(dependents);
                }
                results.add(tx.versions(version, version).dependents(dependents)
                        .end(failure.isEmpty() ? Outcome.APPLIED : Outcome.FAILED, failure));
            }
            return new ReloadSummary(results);
        } finally {
            swaps.values().forEach(PluginSwap::close);
            locks.forEach(ReentrantLock::unlock);
        }
    }

    /** Updated but not yet refreshed, or wired to something that is being replaced. */
    private static boolean hasStaleWiring(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        BundleRevisions revisions = bundle.adapt(BundleRevisions.class);
        return (wiring != null && !wiring.isCurrent()) || (revisions != null && revisions.getRevisions().size() > 1);
    }

    /**
     * Starts a disabled plugin. The plugins that use it once it runs are checked too: one whose components worked
     * before and fail now makes the enable fail, and the plugin is stopped again.
     */
    ChangeResult enable(String name, Trigger trigger) {
        return withLock(name, bundle -> {
            String version = bundle.getVersion().toString();
            Transaction tx = new Transaction(kiln, name, Action.ENABLE, trigger).versions(version, version);
            PluginRecord record = kiln.records.plugin(name).orElseThrow();
            Map<Bundle, Map<String, Integer>> before = new HashMap<>();
            kiln.pluginBundles().forEach(b -> before.put(b, kiln.verifier.componentStates(b)));
            try {
                kiln.lifecycle.start(bundle);
                kiln.verifier.verify(bundle, Map.of());
                List<DependentChange> dependents = DependentPlugins.of(kiln, bundle).checkAgainst(before);
                tx.dependents(dependents);
                if (!DependentPlugins.allIntact(dependents)) {
                    kiln.lifecycle.stop(bundle);
                    return tx.end(Outcome.ROLLED_BACK, DependentPlugins.describeBroken(dependents) + "; " + name + " is stopped again");
                }
                kiln.records.put(record.withEnabled(true));
                return tx.end(Outcome.APPLIED, "");
            } catch (BundleException | StuckException | VerificationException | UncheckedIOException e) {
                // as its record says: disabled
                return tx.end(stopAgain(bundle) ? Outcome.ROLLED_BACK : Outcome.FAILED, e.getMessage() + "; " + name + " stays disabled");
            }
        });
    }

    private boolean stopAgain(Bundle bundle) {
        try {
            kiln.lifecycle.stop(bundle);
            return true;
        } catch (BundleException | StuckException e) {
            return false;
        }
    }

    /** Stops the plugin; its dependents are left without it by design, and the result says what each lacks. */
    ChangeResult disable(String name, Trigger trigger) {
        return withLock(name, bundle -> {
            String version = bundle.getVersion().toString();
            Transaction tx = new Transaction(kiln, name, Action.DISABLE, trigger).versions(version, version);
            PluginRecord record = kiln.records.plugin(name).orElseThrow();
            DependentPlugins dependents = DependentPlugins.of(kiln, bundle);
            try {
                kiln.lifecycle.stop(bundle);
            } catch (BundleException | StuckException e) {
                return tx.end(Outcome.FAILED, e.getMessage());
            }
            tx.leftovers(kiln.memory.stopped(bundle));
            List<DependentChange> left = dependents.leftWithout();
            try {
                kiln.records.put(record.withEnabled(false));
            } catch (UncheckedIOException e) {
                // not remembered as disabled, so it must not stay stopped either
                try {
                    kiln.lifecycle.start(bundle);
                } catch (BundleException | StuckException again) {
                    return tx.dependents(left).end(Outcome.FAILED, e.getMessage() + "; and it did not start again: " + again.getMessage());
                }
                return tx.dependents(dependents.bringBack()).end(Outcome.ROLLED_BACK, e.getMessage() + "; " + name + " runs again");
            }
            return tx.dependents(left).end(Outcome.APPLIED, "");
        });
    }

    /**
     * Returns the plugin to a kept earlier build. The state goes across as for any update; the file in
     * {@code hot/} is held back until it changes. A request naming no kept build changes nothing and is not
     * recorded.
     */
    ChangeResult rollback(String name, String wanted, Trigger trigger) {
        return withLock(name, bundle -> {
            PluginRecord record = kiln.records.plugin(name).orElseThrow();
            String from = bundle.getVersion().toString();
            List<VersionStore.Kept> earlier = kiln.versions.kept(name).stream()
                    .filter(k -> !k.sha256().equals(record.sha256())).toList();
            Optional<VersionStore.Kept> target = wanted == null ? earlier.stream().findFirst()
                    : earlier.stream().filter(k -> k.toApi().matches(wanted)).findFirst();
            Transaction tx = new Transaction(kiln, name, Action.ROLLBACK, trigger)
                    .versions(from, target.map(VersionStore.Kept::version).orElse(wanted == null ? "" : wanted));
            if (target.isEmpty()) {
                String available = earlier.isEmpty() ? "Kiln keeps no earlier build of it"
                        : "kept: " + String.join(", ", earlier.stream().map(k -> k.id() + " (" + k.version() + ")").toList());
                return tx.unrecorded(Outcome.REJECTED,
                        (wanted == null ? "no earlier build of " + name : "no kept build " + wanted + " of " + name) + "; " + available);
            }
            Optional<Path> running = kiln.versions.bySha(name, record.sha256()).map(VersionStore.Kept::jar);
            VersionStore.Kept to = target.get();
            return swap.run(tx, bundle, record, to.jar(), running, "build " + to.id() + " (" + to.version() + ") did not work: ", () -> {
                // the file in hot/ still holds what ran before (or what an earlier rollback held back): do not apply it
                String fileContent = record.heldSha256().isEmpty() ? record.sha256() : record.heldSha256();
                String held = kiln.fileExists(record.file()) ? fileContent : "";
                kiln.records.put(record.holding(held, to.sha256(), to.version()));
            });
        });
    }

    private ChangeResult withLock(String name, java.util.function.Function<Bundle, ChangeResult> work) {
        Bundle bundle = kiln.requireBundle(name);
        ReentrantLock lock = kiln.lock(name);
        lock.lock();
        try {
            return work.apply(bundle);
        } finally {
            lock.unlock();
        }
    }
}
