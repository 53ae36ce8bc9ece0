package io.kiln.runtime.api;

import java.time.Instant;

/**
 * One change in the history.
 *
 * @param time           when it ended
 * @param plugin         the plugin's name, or the file name when the file could not be read as a plugin
 * @param trigger        who asked: {@code file}, {@code shell}, {@code http}, ...
 * @param action         what was done (see {@link ChangeResult#action()})
 * @param fromVersion    the version before, or empty
 * @param toVersion      the version asked for, or empty
 * @param outcome        how it ended
 * @param durationMillis how long it took
 * @param error          why it did not succeed; empty when it did
 */
public record HistoryEntry(Instant time, String plugin, String trigger, String action, String fromVersion,
        String toVersion, Outcome outcome, long durationMillis, String error) {
}
