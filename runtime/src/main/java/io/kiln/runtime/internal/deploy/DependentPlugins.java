package io.kiln.runtime.internal.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;

import io.kiln.runtime.api.BundleState;
import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.internal.call.DroppedHandle;

/**
 * The plugins that depend on one plugin, as they were just before a change to it: the part of the transaction
 * that makes a change cover its dependents. Taken while the plugin still runs (a stopped plugin's services are in
 * nobody's use). Asked, it says whether a candidate build would still meet every dependent's requirements, brings
 * the dependents back after the change and checks each, or reports what a change left them without.
 */
final class DependentPlugins {

    private record Dependent(Bundle bundle, String why, boolean wasActive, Map<String, Integer> components,
            List<BundleRequirement> wiredToPlugin) {
    }

    private final DeployContext kiln;
    private final Bundle plugin;
    private final DependencyGraph graph;
    private final List<Dependent> dependents = new ArrayList<>();

    private DependentPlugins(DeployContext kiln, Bundle plugin, DependencyGraph graph) {
        this.kiln = kiln;
        this.plugin = plugin;
        this.graph = graph;
    }

    /** @return the dependents of {@code plugin} as they are now, in start order */
    static DependentPlugins of(DeployContext kiln, Bundle plugin) {
        // the graph of the plugin and its dependents only: what the others use is no part of this change
        // (sorted by name as every plugin was, so that the start order breaks ties as it did)
        DependencyGraph graph = new DependencyGraph(new PluginUsers(kiln).withPlugin(plugin).stream()
                .sorted(java.util.Comparator.comparing(Bundle::getSymbolicName)).toList());
        DependentPlugins found = new DependentPlugins(kiln, plugin, graph);
        for (Bundle dependent : graph.startOrder(graph.dependentsOf(plugin))) {
            found.dependents.add(new Dependent(dependent, graph.why(dependent, plugin), dependent.getState() == Bundle.ACTIVE,
                    kiln.verifier.componentStates(dependent), wiredTo(dependent, plugin)));
        }
        return found;
    }

    /** @return these dependents less the given plugins (those a multi-plugin reload restarts itself) */
    DependentPlugins without(java.util.Collection<Bundle> plugins) {
        DependentPlugins fewer = new DependentPlugins(kiln, plugin, graph);
        dependents.stream().filter(d -> !plugins.contains(d.bundle())).forEach(fewer.dependents::add);
        return fewer;
    }

    /**
     * Stops, last first, the dependents that a refresh taking in {@code refreshed} will stop, so that they start again in
     * dependency order ({@link #bringBack}) rather than in the order the framework restarts what it refreshed.
     */
    void stopForRefresh(java.util.Collection<Bundle> refreshed) throws BundleException, StuckException {
        List<Dependent> last = new ArrayList<>(dependents);
        java.util.Collections.reverse(last);
        for (Dependent dependent : last) {
            if (refreshed.contains(dependent.bundle())) {
                kiln.lifecycle.stop(dependent.bundle());
            }
        }
    }

    /**
     * After a plugin started that was not running (an enable): checks each dependent against its components'
     * states before, so that what waited for the plugin may now work and what worked must still work.
     */
    List<DependentChange> checkAgainst(Map<Bundle, Map<String, Integer>> before) {
        List<DependentChange> changes = new ArrayList<>();
        for (Dependent dependent : dependents) {
            Bundle bundle = dependent.bundle();
            String problem = "";
            if (bundle.getState() == Bundle.ACTIVE) {
                try {
                    kiln.verifier.verify(bundle, before.getOrDefault(bundle, Map.of()));
                } catch (VerificationException e) {
                    problem = e.getMessage();
                }
            }
            changes.add(new DependentChange(bundle.getSymbolicName(), dependent.why(), problem));
        }
        return changes;
    }

    /**
     * @param candidate a candidate build of the plugin, installed beside it and resolved
     * @return each dependent with a requirement, now met by the plugin, that neither the candidate nor any other
     *         bundle would meet, and which; empty when every dependent would resolve
     */
    List<DependentChange> unmetBy(BundleRevision candidate, FrameworkWiring wiring) {
        List<DependentChange> unmet = new ArrayList<>();
        for (Dependent dependent : dependents) {
            List<String> needs = new ArrayList<>();
            for (BundleRequirement requirement : dependent.wiredToPlugin()) {
                boolean byCandidate = candidate.getDeclaredCapabilities(requirement.getNamespace()).stream()
                        .anyMatch(requirement::matches);
                boolean byOther = wiring.findProviders(requirement).stream()
                        .anyMatch(c -> c.getRevision().getBundle() != plugin && c.getRevision().getBundle() != candidate.getBundle());
                if (!byCandidate && !byOther) {
                    needs.add(requirement.getNamespace() + " "
                            + requirement.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, ""));
                }
            }
            if (!needs.isEmpty()) {
                unmet.add(new DependentChange(dependent.bundle().getSymbolicName(), dependent.why(),
                        "needs " + String.join(", ", needs)));
            }
        }
        return unmet;
    }

    /**
     * After a change: starts again each dependent that was ACTIVE and is not (a refresh stops what is wired to the
     * plugin) and checks that it is back as it was, waiting up to the verification timeout.
     *
     * @return each dependent with what is wrong with it, if anything
     */
    List<DependentChange> bringBack() {
        List<DependentChange> changes = new ArrayList<>();
        for (Dependent dependent : dependents) {
            Bundle bundle = dependent.bundle();
            String problem = "";
            if (dependent.wasActive()) {
                try {
                    if (bundle.getState() != Bundle.ACTIVE) {
                        kiln.lifecycle.start(bundle);
                    }
                    kiln.verifier.verifyDependent(bundle, dependent.components(), this::pluginFailed);
                } catch (BundleException | StuckException | VerificationException | IllegalStateException e) {
                    problem = bundle.getState() == Bundle.INSTALLED ? unresolved(bundle) : e.getMessage();
                }
            }
            changes.add(new DependentChange(bundle.getSymbolicName(), dependent.why(), problem));
        }
        return changes;
    }

    /**
     * After a change that leaves the dependents without the plugin by design (disable, uninstall): what each lacks
     * now, without waiting (SCR deactivates a component as the service it needs goes, on the same thread).
     */
    List<DependentChange> leftWithout() {
        List<DependentChange> changes = new ArrayList<>();
        for (Dependent dependent : dependents) {
            Bundle bundle = dependent.bundle();
            List<String> problems = new ArrayList<>();
            if (bundle.getState() == Bundle.INSTALLED) {
                problems.add(unresolved(bundle));
            } else if (dependent.wasActive() && bundle.getState() != Bundle.ACTIVE) {
                problems.add("bundle is " + BundleState.of(bundle.getState()));
            }
            problems.addAll(kiln.components.problems(bundle));
            changes.add(new DependentChange(bundle.getSymbolicName(), dependent.why(), String.join("; ", problems)));
        }
        return changes;
    }

    /** @return the dependents' bundles, in start order: what a swap window covers besides the plugin */
    List<Bundle> bundles() {
        return dependents.stream().map(Dependent::bundle).toList();
    }

    /**
     * Says which dependents a swap of the plugin restarted, and why ({@link Restarts}); the others kept running, their
     * calls to the plugin held at its handles.
     *
     * @param refreshed whether the plugin was refreshed
     * @param dropped   the handles the swap window dropped
     */
    List<DependentChange> withRestarts(List<DependentChange> changes, boolean refreshed, List<DroppedHandle> dropped) {
        Map<String, String> reasons = new HashMap<>();
        new Restarts(graph).of(plugin, refreshed, bundles(), dropped).forEach((bundle, why) -> reasons.put(bundle.getSymbolicName(), why));
        return changes.stream().map(c -> reasons.containsKey(c.plugin()) ? c.restartedBecause(reasons.get(c.plugin())) : c).toList();
    }

    /** Whether the changed plugin itself has a component that failed to activate: the cause of its dependents' failures. */
    private boolean pluginFailed() {
        return plugin.getState() != Bundle.ACTIVE || kiln.components.of(plugin).stream()
                .anyMatch(c -> c.state() == org.osgi.service.component.runtime.dto.ComponentConfigurationDTO.FAILED_ACTIVATION);
    }

    private String unresolved(Bundle bundle) {
        return "not resolved: " + kiln.resolveCheck.missing(bundle);
    }

    static boolean allIntact(List<DependentChange> changes) {
        return changes.stream().allMatch(DependentChange::intact);
    }

    static String describeBroken(List<DependentChange> changes) {
        return String.join("; ", changes.stream().filter(c -> !c.intact())
                .map(c -> "dependent " + c.plugin() + " is not back: " + c.problem()).toList());
    }

    private static List<BundleRequirement> wiredTo(Bundle dependent, Bundle plugin) {
        BundleWiring wiring = dependent.adapt(BundleWiring.class);
        if (wiring == null) {
            return List.of();
        }
        return wiring.getRequiredWires(null).stream().filter(w -> w.getProvider().getBundle() == plugin)
                .map(BundleWire::getRequirement).toList();
    }
}
