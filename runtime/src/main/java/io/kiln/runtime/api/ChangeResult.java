package io.kiln.runtime.api;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one change to one plugin.
 *
 * @param plugin      the plugin's name
 * @param action      what was done
 * @param outcome     how it ended
 * @param fromVersion the version before, or the empty string if there was none
 * @param toVersion   the version asked for, or the empty string if none (an uninstall)
 * @param duration    how long the transaction took
 * @param error       why it did not succeed, naming the file and the cause; empty when it succeeded
 * @param dependents  the plugins that depend on this one and what the change did to them: each was checked
 *                    before the change committed (a change that breaks one is refused or rolled back), except
 *                    for a disable or an uninstall, which leave them without it by design and say so here
 * @param leftovers   what the plugin left behind as it stopped (threads, JDBC drivers, shutdown hooks, timers that
 *                    keep its classes in memory) and what Kiln did about each; empty for a plugin that cleans up after
 *                    itself. A leftover does not make the change fail: the new version runs, the memory is at stake
 */
public record ChangeResult(String plugin, Action action, Outcome outcome, String fromVersion, String toVersion,
        Duration duration, String error, List<DependentChange> dependents, List<Leftover> leftovers) {

    public ChangeResult {
        dependents = List.copyOf(dependents);
        leftovers = List.copyOf(leftovers);
    }

    /** A result without leftovers (the constructor of API 2.1). */
    public ChangeResult(String plugin, Action action, Outcome outcome, String fromVersion, String toVersion,
            Duration duration, String error, List<DependentChange> dependents) {
        this(plugin, action, outcome, fromVersion, toVersion, duration, error, dependents, List.of());
    }

    /** @return whether the plugin is now as asked */
    public boolean succeeded() {
        return outcome.succeeded();
    }
}
