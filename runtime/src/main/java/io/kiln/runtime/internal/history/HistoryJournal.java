package io.kiln.runtime.internal.history;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Leftover;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.Subject;
import io.kiln.runtime.api.Trigger;
import io.kiln.files.AtomicFiles;

/**
 * Every change (to a plugin, a section, a skill or an agent), appended to a journal file (one line each) that is kept across restarts and
 * bounded: once it holds twice the entries to keep, it is rewritten with the newest ones.
 */
public final class HistoryJournal {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryJournal.class);

    private final Path file;
    private volatile int keep;
    private final Deque<HistoryEntry> entries = new ArrayDeque<>();
    private int linesInFile;

    public HistoryJournal(Path file, int keep) {
        this.file = file;
        this.keep = keep;
        load();
    }

    public synchronized void keep(int entries) {
        this.keep = entries;
    }

    /**
     * Appends the entry.
     *
     * @throws UncheckedIOException if it cannot be written: the change it records must not pass for recorded
     */
    public synchronized void record(HistoryEntry entry) {
        entries.addLast(entry);
        while (entries.size() > keep) {
            entries.removeFirst();
        }
        try {
            if (linesInFile + 1 > 2 * keep) {
                rewrite();
            } else {
                Files.createDirectories(file.getParent());
                try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    out.write(format(entry));
                    out.newLine();
                }
                linesInFile++;
            }
        } catch (IOException e) {
            entries.remove(entry);
            throw new UncheckedIOException("cannot write the history to " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return at most {@code limit} entries, newest first */
    public synchronized List<HistoryEntry> latest(int limit) {
        List<HistoryEntry> newest = new ArrayList<>();
        Iterator<HistoryEntry> it = entries.descendingIterator();
        while (it.hasNext() && newest.size() < limit) {
            newest.add(it.next());
        }
        return newest;
    }

    private void rewrite() throws IOException {
        StringBuilder text = new StringBuilder();
        entries.forEach(e -> text.append(format(e)).append('\n'));
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        linesInFile = entries.size();
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                linesInFile++;
                try {
                    entries.addLast(parse(line));
                } catch (RuntimeException e) {
                    LOG.warn("Skipping an unreadable history line in {}: {}", file, e.toString());
                }
                if (entries.size() > keep) {
                    entries.removeFirst();
                }
            }
        } catch (IOException e) {
            LOG.error("Cannot read the history in {}: {}", file, e.toString());
        }
    }

    /**
     * One line: time, name, trigger, action, from, to, outcome, milliseconds, error, subject, dependents (the last two
     * added in Kiln 0.2; a line without them is about a plugin, a section or a skill as its action says), leftovers
     * (added with API 2.2; a line without them has none).
     */
    static String format(HistoryEntry e) {
        return String.join("\t", e.time().toString(), escape(e.name()), e.trigger().label(), e.action().label(),
                escape(e.fromVersion()), escape(e.toVersion()), e.outcome().name(), Long.toString(e.durationMillis()),
                escape(e.error()), e.subject().label(), escape(Dependents.format(e.dependents())),
                escape(Leftovers.format(e.leftovers())));
    }

    static HistoryEntry parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 9 && f.length != 11 && f.length != 12) {
            throw new IllegalArgumentException("expected 12 fields, found " + f.length);
        }
        Action action = f.length == 9 ? olderAction(f[3]) : Action.of(f[3]);
        Subject subject = f.length == 9 ? olderSubject(f[3]) : Subject.of(f[9]);
        List<DependentChange> dependents = f.length == 9 ? List.of() : Dependents.parse(unescape(f[10]));
        List<Leftover> leftovers = f.length < 12 ? List.of() : Leftovers.parse(unescape(f[11]));
        return new HistoryEntry(Instant.parse(f[0]), subject, unescape(f[1]), Trigger.of(f[2]), action, unescape(f[4]),
                unescape(f[5]), Outcome.valueOf(f[6]), Long.parseLong(f[7]), unescape(f[8]), dependents, leftovers);
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
