package io.kiln.runtime.internal.history;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.files.AtomicFiles;
import io.kiln.runtime.api.HistoryEntry;

/**
 * Every change (to a plugin, a section, a skill or an agent), appended to a journal file that is kept across restarts
 * and bounded: once it holds twice the entries to keep, it is rewritten with the newest ones.
 * <p>
 * Each entry is one line with its own length and checksum ({@link JournalLines}), synced to the disk before
 * {@link #record} returns. Reading it back, a last line that a crash cut short is dropped, and a damaged line
 * elsewhere (its checksum does not match) is skipped, each with a warning naming the file and the byte offset: the
 * other entries are kept, and the file is then rewritten (atomically) with them, so the next append starts on a
 * clean line. A journal of a Kiln before framing is read as it was and rewritten framed.
 */
public final class HistoryJournal {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryJournal.class);

    private final Path file;
    private volatile int keep;
    private final Deque<HistoryEntry> entries = new ArrayDeque<>();
    private int linesInFile;
    /** The file holds lines that are not framed entries (older, damaged or torn): rewrite it before appending. */
    private boolean needsRewrite;

    public HistoryJournal(Path file, int keep) {
        this.file = file;
        this.keep = keep;
        load();
        if (needsRewrite) {
            try {
                rewrite();
            } catch (IOException e) {
                // read as it is; the next record rewrites it, or fails as a write that fails does
                LOG.warn("Cannot rewrite the history in {} after reading it: {}", file, e.toString());
            }
        }
    }

    public synchronized void keep(int entries) {
        this.keep = entries;
    }

    /**
     * Appends the entry, on the disk when this returns.
     *
     * @throws UncheckedIOException if it cannot be written: the change it records must not pass for recorded
     */
    public synchronized void record(HistoryEntry entry) {
        recordAll(List.of(entry));
    }

    /**
     * Appends the entries in order with one write, on the disk when this returns: a batch of changes ended together
     * costs one sync, not one each.
     *
     * @throws UncheckedIOException if they cannot be written: none of them is recorded
     */
    public synchronized void recordAll(List<HistoryEntry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<HistoryEntry> before = new ArrayList<>(entries);
        entries.addAll(batch);
        while (entries.size() > keep) {
            entries.removeFirst();
        }
        try {
            if (needsRewrite || linesInFile + batch.size() > 2 * keep) {
                rewrite();
            } else {
                ByteArrayOutputStream lines = new ByteArrayOutputStream();
                batch.forEach(e -> lines.writeBytes(JournalLines.frame(HistoryLine.format(e))));
                AtomicFiles.append(file, lines.toByteArray());
                linesInFile += batch.size();
            }
        } catch (IOException e) {
            entries.clear();
            entries.addAll(before);
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
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (HistoryEntry e : entries) {
            text.writeBytes(JournalLines.frame(HistoryLine.format(e)));
        }
        AtomicFiles.write(file, text.toByteArray());
        linesInFile = entries.size();
        needsRewrite = false;
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        byte[] journal;
        try {
            journal = Files.readAllBytes(file);
        } catch (IOException e) {
            LOG.error("Cannot read the history in {}: {}", file, e.toString());
            return;
        }
        for (JournalLines.Line line : JournalLines.read(journal)) {
            switch (line.kind()) {
                case ENTRY, LEGACY -> add(line);
                case DAMAGED -> LOG.warn("{}: skipped a damaged history entry at byte {} ({}); the other entries are kept",
                        file, line.offset(), line.problem());
                case TORN -> LOG.warn("{}: dropped a torn last history entry at byte {}: {}", file, line.offset(), line.problem());
            }
            needsRewrite |= line.kind() != JournalLines.Kind.ENTRY;
        }
    }

    private void add(JournalLines.Line line) {
        linesInFile++;
        try {
            entries.addLast(HistoryLine.parse(line.text()));
        } catch (RuntimeException e) {
            // intact but not an entry this Kiln can read (a damaged line of the older format, or a newer Kiln's)
            needsRewrite = true;
            LOG.warn("{}: skipped an unreadable history entry at byte {}: {}", file, line.offset(), e.toString());
        }
        if (entries.size() > keep) {
            entries.removeFirst();
        }
    }
}
