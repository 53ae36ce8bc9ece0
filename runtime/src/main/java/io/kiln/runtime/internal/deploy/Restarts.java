package io.kiln.runtime.internal.deploy;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;

import io.kiln.runtime.api.LinkKind;
import io.kiln.runtime.internal.call.DroppedHandle;

/**
 * Which dependents a swap of one plugin restarts, and why: the one rule behind what the history says a change did
 * ({@link DependentPlugins#withRestarts}) and what the dependency graph says a change would do. A dependent restarts
 * when it is wired to a plugin that was refreshed (it is refreshed too), when it uses a service of a restarted plugin
 * without a handle (DS unbinds it; a static reference deactivates it), when a handle it uses was dropped (the service
 * went, or changed contract), or when it depends in one of those ways on a dependent that restarted.
 */
final class Restarts {

    private final DependencyGraph graph;

    Restarts(DependencyGraph graph) {
        this.graph = graph;
    }

    /**
     * Whether a restart of a provider restarts what uses it through one link.
     *
     * @param providerRefreshed whether the provider was refreshed (an update is; a reload of the same build is not)
     * @param handleDropped     whether the handle the link goes through was dropped
     */
    static boolean restartsThrough(LinkKind kind, boolean providerRefreshed, boolean handleDropped) {
        return switch (kind) {
            case IMPORTS_PACKAGE, REQUIRES_BUNDLE, REQUIRES_CAPABILITY -> providerRefreshed;
            case USES_SERVICE -> true;
            case USES_SERVICE_THROUGH_HANDLE -> handleDropped;
        };
    }

    /**
     * @param plugin     the plugin swapped
     * @param refreshed  whether it was refreshed
     * @param dependents the dependents to consider, in start order (what each depends on comes first)
     * @param dropped    the handles the swap dropped
     * @return each dependent that restarted, with why, in start order
     */
    Map<Bundle, String> of(Bundle plugin, boolean refreshed, List<Bundle> dependents, List<DroppedHandle> dropped) {
        // each restarted plugin, with whether it was refreshed (what is wired to it is refreshed too)
        Map<Bundle, Boolean> restarted = new LinkedHashMap<>();
        restarted.put(plugin, refreshed);
        Map<Bundle, String> reasons = new LinkedHashMap<>();
        for (Bundle dependent : dependents) {
            String reason = "";
            boolean refreshedToo = false;
            for (Map.Entry<Bundle, Boolean> earlier : restarted.entrySet()) {
                Optional<String> by = restartBy(dependent, earlier.getKey(), earlier.getValue(), dropped);
                if (by.isPresent() && reason.isEmpty()) {
                    reason = earlier.getKey() == plugin ? by.get() : "depends on " + earlier.getKey().getSymbolicName() + " ("
                            + graph.directly(dependent, earlier.getKey()) + "), which restarted";
                }
                refreshedToo |= earlier.getValue() && graph.uses(dependent, earlier.getKey()).stream().anyMatch(u -> u.kind().wired());
            }
            if (!reason.isEmpty()) {
                restarted.put(dependent, refreshedToo);
                reasons.put(dependent, reason);
            }
        }
        return reasons;
    }

    /** @return why a restart of {@code provider} restarts {@code dependent}, by the first of its links that does */
    private Optional<String> restartBy(Bundle dependent, Bundle provider, boolean providerRefreshed, List<DroppedHandle> dropped) {
        String name = provider.getSymbolicName();
        // in the order of LinkKind: a refresh says more than an unbinding, an unbinding more than a dropped handle
        return graph.uses(dependent, provider).stream().sorted(Comparator.comparing(DependencyGraph.Use::kind))
                .filter(u -> restartsThrough(u.kind(), providerRefreshed, droppedFor(u, name, dropped).isPresent()))
                .findFirst().map(u -> switch (u.kind()) {
                    case IMPORTS_PACKAGE, REQUIRES_BUNDLE, REQUIRES_CAPABILITY -> "refreshed with " + name + ": " + graph.directly(dependent, provider);
                    // a static reference is deactivated, a dynamic one rebound: either way, DS restarted what used it
                    case USES_SERVICE -> "DS unbound it from " + name + ": " + graph.directly(dependent, provider);
                    case USES_SERVICE_THROUGH_HANDLE -> droppedFor(u, name, dropped).map(d -> name + " dropped its service "
                            + String.join(", ", d.interfaces()) + ": " + d.why()).orElseThrow();
                });
    }

    private static Optional<DroppedHandle> droppedFor(DependencyGraph.Use use, String provider, List<DroppedHandle> dropped) {
        return dropped.stream().filter(d -> d.plugin().equals(provider) && d.interfaces().stream().anyMatch(use.used()::contains)).findFirst();
    }
}
