package io.kiln.runtime.internal.history;

import java.time.Instant;
import java.util.List;

import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Leftover;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.Subject;
import io.kiln.runtime.api.Trigger;

/**
 * A history entry as the text of one journal line: tab-separated fields, escaped so that the text holds no tab or
 * line break of its own. The same text was a whole line of {@code history.log} before its lines were framed
 * ({@link JournalLines}), so the entries of any earlier Kiln are read by {@link #parse} too.
 */
final class HistoryLine {

    private HistoryLine() {
    }

    /**
     * One line: time, name, trigger, action, from, to, outcome, milliseconds, error, subject, dependents (the last two
     * added in Kiln 0.2; a line without them is about a plugin, a section or a skill as its action says), leftovers
     * (added with API 2.2; a line without them has none), refreshed and restarted (added with API 2.5; a line without
     * them has both {@link HistoryEntry#UNKNOWN}).
     */
    static String format(HistoryEntry e) {
        return String.join("\t", e.time().toString(), escape(e.name()), e.trigger().label(), e.action().label(),
                escape(e.fromVersion()), escape(e.toVersion()), e.outcome().name(), Long.toString(e.durationMillis()),
                escape(e.error()), e.subject().label(), escape(Dependents.format(e.dependents())),
                escape(Leftovers.format(e.leftovers())), Integer.toString(e.refreshed()), Integer.toString(e.restarted()));
    }

    static HistoryEntry parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 9 && f.length != 11 && f.length != 12 && f.length != 14) {
            throw new IllegalArgumentException("expected 14 fields, found " + f.length);
        }
        Action action = f.length == 9 ? olderAction(f[3]) : Action.of(f[3]);
        Subject subject = f.length == 9 ? olderSubject(f[3]) : Subject.of(f[9]);
        List<DependentChange> dependents = f.length == 9 ? List.of() : Dependents.parse(unescape(f[10]));
        List<Leftover> leftovers = f.length < 12 ? List.of() : Leftovers.parse(unescape(f[11]));
        int refreshed = f.length < 14 ? HistoryEntry.UNKNOWN : Integer.parseInt(f[12]);
        int restarted = f.length < 14 ? HistoryEntry.UNKNOWN : Integer.parseInt(f[13]);
        return new HistoryEntry(Instant.parse(f[0]), subject, unescape(f[1]), Trigger.of(f[2]), action, unescape(f[4]),
                unescape(f[5]), Outcome.valueOf(f[6]), Long.parseLong(f[7]), unescape(f[8]), dependents, leftovers, refreshed, restarted);
    }

    /** Before Kiln 0.2 a section's change was recorded as {@code config} and a skill's as {@code skill}. */
    private static Action olderAction(String action) {
        return switch (action) {
            case "config" -> Action.CONFIGURE;
            case "skill" -> Action.PUBLISH;
            default -> Action.of(action);
        };
    }

    private static Subject olderSubject(String action) {
        return switch (action) {
            case "config", "remove" -> Subject.SECTION;
            case "skill" -> Subject.SKILL;
            default -> Subject.PLUGIN;
        };
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char n = value.charAt(++i);
                out.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
