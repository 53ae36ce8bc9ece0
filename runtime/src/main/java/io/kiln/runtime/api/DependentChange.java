package io.kiln.runtime.api;

/**
 * What a change to one plugin did to another plugin that depends on it.
 *
 * @param plugin  the dependent plugin's name
 * @param why     how it depends on the changed plugin, for example
 *                {@code imports package io.acme.api 1.0.0}, {@code uses service io.acme.api.Greeter} or
 *                {@code uses service io.acme.api.Greeter through a handle}
 * @param problem what is wrong with it after the change, for example
 *                {@code component acme.Client lost its reference(s) greeter}; empty when it is back as it was
 * @param restart why the change restarted it (stopped and started it, or deactivated and activated its components),
 *                for example {@code refreshed with acme-greeter: imports package io.acme.api 1.0.0}; empty when it
 *                kept running through the change, its calls to the changed plugin waiting at a stable handle
 * @since 2.2
 */
public record DependentChange(String plugin, String why, String problem, String restart) {

    /** A dependent the change did not restart. */
    public DependentChange(String plugin, String why, String problem) {
        this(plugin, why, problem, "");
    }

    /** @return whether the dependent is back as it was before the change */
    public boolean intact() {
        return problem.isEmpty();
    }

    /** @return whether the change restarted the dependent ({@link #restart()} says why) */
    public boolean restarted() {
        return !restart.isEmpty();
    }

    /** @return this dependent with the reason the change restarted it */
    public DependentChange restartedBecause(String reason) {
        return new DependentChange(plugin, why, problem, reason);
    }
}
