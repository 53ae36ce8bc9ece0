package io.kiln.runtime.api;

import java.util.List;

/**
 * What a new build of one plugin would restart besides the plugin itself, as the plugins depend on each other now:
 * the prediction of what its update's {@link ChangeResult#dependents()} would say. Kiln decides it with the same rule
 * it applies to a change, assuming the new build offers the same services (one that no longer offers a service its
 * callers hold through a handle also restarts them, or is rolled back).
 *
 * @param plugin     the plugin that would change
 * @param dependents every plugin that depends on it, directly or not, in the order they would start (what each
 *                   depends on first), each with whether the change would restart it
 * @since 2.4
 */
public record ChangeImpact(String plugin, List<DependentImpact> dependents) {

    public ChangeImpact {
        dependents = List.copyOf(dependents);
    }

    /** @return the dependents the change would restart, in the order they would start again */
    public List<DependentImpact> restarted() {
        return dependents.stream().filter(DependentImpact::restarts).toList();
    }

    /** @return the dependents that would keep running through the change */
    public List<DependentImpact> keptRunning() {
        return dependents.stream().filter(d -> !d.restarts()).toList();
    }
}
