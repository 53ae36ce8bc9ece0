package io.kiln.runtime.api;

/**
 * What a new build of one plugin would do to a plugin that depends on it, directly or not: restart it, or leave it
 * running. The same words as the history's {@link DependentChange} uses for what a change did.
 *
 * @param plugin  the dependent plugin's name
 * @param why     how it depends on the changed plugin, for example {@code uses service io.acme.api.Greeter through a
 *                handle}, or {@code depends on acme-client, which depends on it}
 * @param restart why the change would restart it, for example
 *                {@code refreshed with acme-greeter: imports package io.acme.api 1.0.0}; empty when it would keep
 *                running, its calls to the changed plugin waiting at a stable handle
 * @since 2.4
 */
public record DependentImpact(String plugin, String why, String restart) {

    /** @return whether the change would restart it ({@link #restart()} says why) */
    public boolean restarts() {
        return !restart.isEmpty();
    }
}
