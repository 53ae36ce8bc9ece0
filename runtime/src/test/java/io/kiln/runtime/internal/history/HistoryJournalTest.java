package io.kiln.runtime.internal.history;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Outcome;

public class HistoryJournalTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static HistoryEntry entry(int n, String error) {
        return new HistoryEntry(Instant.ofEpochSecond(n), "plugin-" + n, "file", "update", "1.0", "1.1",
                error.isEmpty() ? Outcome.APPLIED : Outcome.ROLLED_BACK, n, error);
    }

    @Test
    public void entriesSurviveARestartNewestFirst() throws Exception {
        Path file = temp.getRoot().toPath().resolve("history.log");
        HistoryJournal journal = new HistoryJournal(file, 100);
        journal.record(entry(1, ""));
        journal.record(entry(2, "a.jar: failed\n\twith\ttabs and a \\ backslash"));

        List<HistoryEntry> read = new HistoryJournal(file, 100).latest(10);
        assertEquals(List.of(entry(2, "a.jar: failed\n\twith\ttabs and a \\ backslash"), entry(1, "")), read);
    }

    @Test
    public void theJournalIsBounded() throws Exception {
        Path file = temp.getRoot().toPath().resolve("history.log");
        HistoryJournal journal = new HistoryJournal(file, 10);
        for (int i = 1; i <= 55; i++) {
            journal.record(entry(i, ""));
        }
        assertTrue("file lines: " + Files.readAllLines(file).size(), Files.readAllLines(file).size() <= 20);
        List<HistoryEntry> kept = new HistoryJournal(file, 10).latest(100);
        assertEquals(10, kept.size());
        assertEquals("plugin-55", kept.get(0).plugin());
        assertEquals("plugin-46", kept.get(9).plugin());
    }

    @Test
    public void aDamagedLineIsSkippedNotFatal() throws Exception {
        Path file = temp.getRoot().toPath().resolve("history.log");
        Files.writeString(file, "garbage\n" + HistoryJournal.format(entry(3, "")) + "\n");
        assertEquals(List.of(entry(3, "")), new HistoryJournal(file, 10).latest(10));
    }
}
