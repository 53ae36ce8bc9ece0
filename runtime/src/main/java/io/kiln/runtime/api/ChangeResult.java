package io.kiln.runtime.api;

import java.time.Duration;

/**
 * The outcome of one change to one plugin.
 *
 * @param plugin      the plugin's name
 * @param action      what was done: {@code install}, {@code update}, {@code uninstall}, {@code reload},
 *                    {@code enable}, {@code disable}, {@code rollback}
 * @param outcome     how it ended
 * @param fromVersion the version before, or the empty string if there was none
 * @param toVersion   the version asked for, or the empty string if none (an uninstall)
 * @param duration    how long the transaction took
 * @param error       why it did not succeed, naming the file and the cause; empty when it succeeded
 */
public record ChangeResult(String plugin, String action, Outcome outcome, String fromVersion, String toVersion,
        Duration duration, String error) {

    /** @return whether the plugin is now as asked */
    public boolean succeeded() {
        return outcome.succeeded();
    }
}
