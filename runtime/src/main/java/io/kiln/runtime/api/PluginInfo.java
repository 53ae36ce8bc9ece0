package io.kiln.runtime.api;

import java.time.Instant;
import java.util.List;

/**
 * A plugin as it is now.
 *
 * @param name             the bundle symbolic name
 * @param version          the running version
 * @param state            the bundle's state
 * @param enabled          {@code false} once disabled, until enabled again
 * @param file             the jar's file name in {@code hot/}, or the empty string if its file is gone
 * @param lastResult       how the last change to it ended, or {@code null} if none is recorded
 * @param lastError        why the last change failed; empty if it succeeded
 * @param lastChange       when the last change ended, or {@code null}
 * @param previousVersions the builds Kiln keeps for rollback, newest first
 * @param problems         what keeps an enabled plugin from working fully now, one line each: not resolved (and
 *                         the missing requirement), a component that failed to activate, a component waiting for
 *                         a service (and which); empty when it works
 * @param dependents       the plugins that depend on it now (import a package from it or use one of its services)
 */
public record PluginInfo(String name, String version, BundleState state, boolean enabled, String file,
        Outcome lastResult, String lastError, Instant lastChange, List<KeptVersion> previousVersions,
        List<String> problems, List<String> dependents) {

    public PluginInfo {
        previousVersions = List.copyOf(previousVersions);
        problems = List.copyOf(problems);
        dependents = List.copyOf(dependents);
    }

    /** @return whether the plugin is enabled but does not work fully: see {@link #problems()} */
    public boolean degraded() {
        return enabled && !problems.isEmpty();
    }
}
