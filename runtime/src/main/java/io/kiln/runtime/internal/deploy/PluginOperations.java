package io.kiln.runtime.internal.deploy;

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

import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.ReloadSummary;

/**
 * The transactions an operator starts on a running plugin: reload (with its dependents and, if asked, its
 * dependencies, in dependency order), enable, disable and roll back.
 */
final class PluginOperations {

    private final DeployContext kiln;
    private final FileDeployments files;

    PluginOperations(DeployContext kiln, FileDeployments files) {
        this.kiln = kiln;
        this.files = files;
    }

    ReloadSummary reload(String name, boolean dependents, boolean dependencies, String trigger) {
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

    ReloadSummary reloadAll(String trigger) {
        List<Bundle> all = kiln.pluginBundles();
        return reload(new DependencyGraph(all), new LinkedHashSet<>(all), trigger);
    }

    /**
     * Stops the plugins last-dependent first (each saves its state), refreshes them, and starts them
     * dependencies first (each loads its state), checking each as it starts.
     */
    private ReloadSummary reload(DependencyGraph graph, Set<Bundle> set, String trigger) {
        List<Bundle> order = graph.startOrder(set);
        List<ReentrantLock> locks = kiln.lockAll(order);
        try {
            long start = System.nanoTime();
            Map<Bundle, Map<String, Integer>> before = new HashMap<>();
            Map<Bundle, String> stopFailures = new HashMap<>();
            for (Bundle bundle : order) {
                before.put(bundle, kiln.verifier.componentStates(bundle));
            }
            for (int i = order.size() - 1; i >= 0; i--) {
                try {
                    kiln.lifecycle.stop(order.get(i));
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
                    kiln.lifecycle.refresh(stale);
                }
            } catch (StuckException e) {
                refreshFailure = e.getMessage();
            }
            List<ChangeResult> results = new ArrayList<>();
            for (Bundle bundle : order) {
                long started = System.nanoTime();
                String name = bundle.getSymbolicName();
                String version = bundle.getVersion().toString();
                boolean enabled = kiln.records.plugin(name).map(PluginRecord::enabled).orElse(true);
                String failure = stopFailures.getOrDefault(bundle, refreshFailure);
                if (failure.isEmpty() && enabled) {
                    try {
                        kiln.lifecycle.start(bundle);
                        kiln.verifier.verify(bundle, before.get(bundle));
                    } catch (BundleException | StuckException | VerificationException e) {
                        failure = e.getMessage();
                    }
                }
                results.add(kiln.finish(name, "reload", trigger, failure.isEmpty() ? Outcome.APPLIED : Outcome.FAILED,
                        version, version, order.size() == 1 ? start : started, failure));
            }
            return new ReloadSummary(results);
        } finally {
            locks.forEach(ReentrantLock::unlock);
        }
    }

    /** Updated but not yet refreshed, or wired to something that is being replaced. */
    private static boolean hasStaleWiring(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        BundleRevisions revisions = bundle.adapt(BundleRevisions.class);
        return (wiring != null && !wiring.isCurrent()) || (revisions != null && revisions.getRevisions().size() > 1);
    }

    ChangeResult enable(String name, String trigger) {
        return withLock(name, bundle -> {
            long start = System.nanoTime();
            String version = bundle.getVersion().toString();
            PluginRecord record = kiln.records.plugin(name).orElseThrow();
            kiln.records.put(record.withEnabled(true));
            try {
                kiln.lifecycle.start(bundle);
                kiln.verifier.verify(bundle, Map.of());
                return kiln.finish(name, "enable", trigger, Outcome.APPLIED, version, version, start, "");
            } catch (BundleException | StuckException | VerificationException e) {
                return kiln.finish(name, "enable", trigger, Outcome.FAILED, version, version, start, e.getMessage());
            }
        });
    }

    ChangeResult disable(String name, String trigger) {
        return withLock(name, bundle -> {
            long start = System.nanoTime();
            String version = bundle.getVersion().toString();
            PluginRecord record = kiln.records.plugin(name).orElseThrow();
            kiln.records.put(record.withEnabled(false));
            try {
                kiln.lifecycle.stop(bundle);
                return kiln.finish(name, "disable", trigger, Outcome.APPLIED, version, version, start, "");
            } catch (BundleException | StuckException e) {
                return kiln.finish(name, "disable", trigger, Outcome.FAILED, version, version, start, e.getMessage());
            }
        });
    }

    /**
     * Returns the plugin to a kept earlier version. The state goes across as for any update; the file in
     * {@code hot/} is held back until it changes.
     */
    ChangeResult rollback(String name, String version, String trigger) {
        return withLock(name, bundle -> {
            long start = System.nanoTime();
            PluginRecord record = kiln.records.plugin(name).orElseThrow();
            String from = bundle.getVersion().toString();
            List<VersionStore.Kept> earlier = kiln.versions.kept(name).stream()
                    .filter(k -> !k.sha256().equals(record.sha256())).toList();
            Optional<VersionStore.Kept> target = version == null ? earlier.stream().findFirst()
                    : earlier.stream().filter(k -> k.version().equals(version)).findFirst();
            if (target.isEmpty()) {
                String available = earlier.isEmpty() ? "Kiln keeps no earlier version of it"
                        : "kept versions: " + String.join(", ", earlier.stream().map(VersionStore.Kept::version).toList());
                return kiln.finish(name, "rollback", trigger, Outcome.REJECTED, from, version == null ? "" : version, start,
                        (version == null ? "no earlier version of " + name : "no version " + version + " of " + name) + "; " + available);
            }
            String to = target.get().version();
            Map<String, Integer> before = kiln.verifier.componentStates(bundle);
            try {
                kiln.lifecycle.stop(bundle);
                Optional<byte[]> state = kiln.states.snapshot(name);
                try {
                    files.apply(bundle, target.get().jar(), record.enabled(), before);
                } catch (BundleException | StuckException | VerificationException failure) {
                    kiln.lifecycle.stop(bundle);
                    kiln.states.restore(name, state);
                    Optional<VersionStore.Kept> current = kiln.versions.bySha(name, record.sha256());
                    if (current.isPresent()) {
                        files.apply(bundle, current.get().jar(), record.enabled(), before);
                    }
                    return kiln.finish(name, "rollback", trigger, Outcome.ROLLED_BACK, from, to, start,
                            "version " + to + " did not work: " + failure.getMessage() + "; " + from + " runs again");
                }
                // the file in hot/ still holds what ran before (or what an earlier rollback held back): do not apply it
                String fileContent = record.heldSha256().isEmpty() ? record.sha256() : record.heldSha256();
                String held = kiln.fileExists(record.file()) ? fileContent : "";
                kiln.records.put(record.holding(held, target.get().sha256(), to));
                return kiln.finish(name, "rollback", trigger, Outcome.APPLIED, from, to, start, "");
            } catch (BundleException | StuckException | VerificationException | java.io.IOException e) {
                return kiln.finish(name, "rollback", trigger, Outcome.FAILED, from, to, start, e.getMessage());
            }
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
