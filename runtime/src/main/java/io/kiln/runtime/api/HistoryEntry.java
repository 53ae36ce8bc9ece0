package io.kiln.runtime.api;

import java.time.Instant;
import java.util.List;

/**
 * One change in the history.
 *
 * @param time           when it ended
 * @param subject        what kind of thing it changed
 * @param name           the plugin's name, the section's PID, the skill's or the agent's name; the file name when
 *                       the file could not be read as a plugin
 * @param trigger        who asked
 * @param action         what was done
 * @param fromVersion    the version before, or empty
 * @param toVersion      the version asked for, or empty
 * @param outcome        how it ended
 * @param durationMillis how long it took
 * @param error          why it did not succeed; empty when it did
 * @param dependents     for a plugin, what the change did to the plugins that depend on it (see
 *                       {@link ChangeResult#dependents()})
 * @param leftovers      for a plugin, what it left behind as it stopped and what Kiln did about it (see
 *                       {@link ChangeResult#leftovers()}); empty for everything else (a {@link Action#LEAK} says what
 *                       holds the retired revision in its error)
 * @param refreshed      how many bundles the framework refreshed for the change (the plugin and everything wired to it,
 *                       directly or not, that a refresh took along); 0 when nothing was refreshed, {@link #UNKNOWN} in an
 *                       entry recorded before Kiln counted it
 * @param restarted      how many plugins the change stopped and started again: the plugin itself, when it ran before
 *                       and after, and each dependent {@link DependentChange#restarted()}; {@link #UNKNOWN} in an entry
 *                       recorded before Kiln counted it. A refresh storm shows as large counts here.
 * @since 2.5 for {@code refreshed} and {@code restarted}
 */
public record HistoryEntry(Instant time, Subject subject, String name, Trigger trigger, Action action, String fromVersion,
        String toVersion, Outcome outcome, long durationMillis, String error, List<DependentChange> dependents,
        List<Leftover> leftovers, int refreshed, int restarted) {

    /** The count of an entry recorded before Kiln counted what a change refreshed and restarted. */
    public static final int UNKNOWN = -1;

    public HistoryEntry {
        dependents = List.copyOf(dependents);
        leftovers = List.copyOf(leftovers);
    }

    /**
     * An entry whose refreshed and restarted counts are not known (the constructor of API 2.2 to 2.4).
     */
    public HistoryEntry(Instant time, Subject subject, String name, Trigger trigger, Action action, String fromVersion,
            String toVersion, Outcome outcome, long durationMillis, String error, List<DependentChange> dependents,
            List<Leftover> leftovers) {
        this(time, subject, name, trigger, action, fromVersion, toVersion, outcome, durationMillis, error, dependents, leftovers,
                UNKNOWN, UNKNOWN);
    }

    /** An entry without leftovers: what every change but a plugin's stop records (the constructor of API 2.1). */
    public HistoryEntry(Instant time, Subject subject, String name, Trigger trigger, Action action, String fromVersion,
            String toVersion, Outcome outcome, long durationMillis, String error, List<DependentChange> dependents) {
        this(time, subject, name, trigger, action, fromVersion, toVersion, outcome, durationMillis, error, dependents, List.of());
    }
}
