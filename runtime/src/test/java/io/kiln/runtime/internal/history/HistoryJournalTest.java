package io.kiln.runtime.internal.history;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Leftover;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.Subject;
import io.kiln.runtime.api.Trigger;

public class HistoryJournalTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static HistoryEntry entry(int n, String error) {
        return new HistoryEntry(Instant.ofEpochSecond(n), Subject.PLUGIN, "plugin-" + n, Trigger.FILE, Action.UPDATE, "1.0", "1.1",
                error.isEmpty() ? Outcome.APPLIED : Outcome.ROLLED_BACK, n, error,
                List.of(new DependentChange("dependent-" + n, "imports package a.b 1.0.0", error.isEmpty() ? "" : "not resolved: x\ty")));
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
    public void whatAChangeRefreshedAndRestartedSurvivesARestartAndOlderEntriesSayTheyDoNotKnow() throws Exception {
        Path file = temp.getRoot().toPath().resolve("history.log");
        HistoryEntry counted = new HistoryEntry(Instant.ofEpochSecond(3), Subject.PLUGIN, "root", Trigger.HTTP, Action.UPDATE, "1.0", "1.1",
                Outcome.APPLIED, 12, "", List.of(), List.of(), 10, 10);
        // an entry as Kiln wrote it before it counted them: 12 fields
        Files.write(file, JournalLines.frame(HistoryLine.format(entry(1, "")).replaceAll("\t-1\t-1$", "")));
        HistoryJournal journal = new HistoryJournal(file, 100);
        journal.recordAll(List.of(counted, entry(4, "")));

        List<HistoryEntry> read = new HistoryJournal(file, 100).latest(10);
        assertEquals(3, read.size());
        assertEquals(counted, read.get(1));
        assertEquals(HistoryEntry.UNKNOWN, read.get(2).refreshed());
        assertEquals(HistoryEntry.UNKNOWN, read.get(2).restarted());
        assertEquals("entry 1 as it was written", entry(1, ""), read.get(2));
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
        assertEquals("plugin-55", kept.get(0).name());
        assertEquals("plugin-46", kept.get(9).name());
    }

    @Test
    public void linesWrittenBeforeSubjectsAndDependentsAreReadAsTheirActionSays() throws Exception {
        Path file = temp.getRoot().toPath().resolve("history.log");
        Files.writeString(file, String.join("\n",
                "2026-11-30T10:00:00Z\tkiln-sample-api\tfile\tupdate\t0.1.0\t0.2.0\tAPPLIED\t12\t",
                "2026-11-30T10:00:01Z\tsample.greeting\tfile\tconfig\t\t\tREJECTED\t3\tsample.greeting.cfg: bad",
                "2026-11-30T10:00:02Z\tsummarize\tfile\tskill\t\t1.0.0\tAPPLIED\t2\t") + "\n");
        List<HistoryEntry> read = new HistoryJournal(file, 10).latest(10);
        assertEquals(List.of(Subject.SKILL, Subject.SECTION, Subject.PLUGIN), read.stream().map(HistoryEntry::subject).toList());
        assertEquals(List.of(Action.PUBLISH, Action.CONFIGURE, Action.UPDATE), read.stream().map(HistoryEntry::action).toList());
    }

    @Test
    public void leftoversSurviveARestart() throws Exception {
        Path file = temp.getRoot().toPath().resolve("history.log");
        List<Leftover> leftovers = List.of(new Leftover(Leftover.Kind.THREAD, "\"worker\" (runs acme.Worker)", Leftover.Handling.STILL_RUNNING),
                new Leftover(Leftover.Kind.JDBC_DRIVER, "acme.Driver", Leftover.Handling.REMOVED));
        HistoryEntry entry = new HistoryEntry(Instant.ofEpochSecond(7), Subject.PLUGIN, "acme", Trigger.FILE, Action.UPDATE, "1.0", "1.1",
                Outcome.APPLIED, 7, "", List.of(), leftovers);
        new HistoryJournal(file, 10).record(entry);
        assertEquals(List.of(entry), new HistoryJournal(file, 10).latest(10));
    }

    @Test
    public void linesWrittenBeforeLeftoversHaveNone() throws Exception {
        Path file = temp.getRoot().toPath().resolve("history.log");
        Files.writeString(file, "2026-11-30T10:00:00Z\tacme\tfile\tupdate\t1.0\t1.1\tAPPLIED\t12\t\tplugin\t\n");
        HistoryEntry read = new HistoryJournal(file, 10).latest(1).get(0);
        assertEquals(List.of(), read.leftovers());
        assertEquals("1.1", read.toVersion());
    }

    @Test
    public void aWriteThatFailsFailsTheRecordAndLeavesNoEntryBehind() throws Exception {
        Path file = temp.getRoot().toPath().resolve("history.log");
        Files.createDirectories(file); // a folder where the file should be: no write can succeed, not even as root
        HistoryJournal journal = new HistoryJournal(file, 10);
        assertThrows(java.io.UncheckedIOException.class, () -> journal.record(entry(1, "")));
        assertEquals(List.of(), journal.latest(10));
    }

    @Test
    public void aDamagedLineIsSkippedNotFatal() throws Exception {
        Path file = temp.getRoot().toPath().resolve("history.log");
        Files.writeString(file, "garbage\n" + HistoryLine.format(entry(3, "")) + "\n");
        assertEquals(List.of(entry(3, "")), new HistoryJournal(file, 10).latest(10));
    }

    @Test
    public void aLastEntryTornAtAnyByteIsDroppedAndTheNextAppendStartsOnACleanLine() throws Exception {
        Path file = temp.getRoot().toPath().resolve("history.log");
        HistoryJournal journal = new HistoryJournal(file, 100);
        journal.record(entry(1, ""));
        journal.record(entry(2, "b.jar: failed\twith a tab"));
        int lastStart = (int) Files.size(file);
        journal.record(entry(3, "the entry a crash cuts short: ünïcödé"));
        byte[] whole = Files.readAllBytes(file);
        for (int cut = lastStart + 1; cut < whole.length; cut++) {
            Files.write(file, Arrays.copyOf(whole, cut));
            HistoryJournal read = new HistoryJournal(file, 100);
            assertEquals("cut at byte " + cut, List.of(entry(2, "b.jar: failed\twith a tab"), entry(1, "")), read.latest(10));
            read.record(entry(4, ""));
            assertEquals("cut at byte " + cut, List.of(entry(4, ""), entry(2, "b.jar: failed\twith a tab"), entry(1, "")),
                    new HistoryJournal(file, 100).latest(10));
            assertAllFramed(file, 3);
        }
    }

    @Test
    public void zerosAfterTheLastEntryAreDroppedAsATornEntry() throws Exception {
        // after a power cut a file system may have grown the file without its data: zeros where the append was
        Path file = temp.getRoot().toPath().resolve("history.log");
        new HistoryJournal(file, 10).record(entry(1, ""));
        Files.write(file, new byte[37], StandardOpenOption.APPEND);
        HistoryJournal journal = new HistoryJournal(file, 10);
        assertEquals(List.of(entry(1, "")), journal.latest(10));
        journal.record(entry(2, ""));
        assertEquals(List.of(entry(2, ""), entry(1, "")), new HistoryJournal(file, 10).latest(10));
    }

    /** A line damaged in the middle of the journal is skipped; the entries before and after it are kept. */
    @Test
    public void aDamagedEntryInTheMiddleIsSkippedAndTheRestKept() throws Exception {
        Path file = temp.getRoot().toPath().resolve("history.log");
        HistoryJournal journal = new HistoryJournal(file, 10);
        journal.record(entry(1, ""));
        int middle = (int) Files.size(file);
        journal.record(entry(2, ""));
        journal.record(entry(3, ""));
        byte[] bytes = Files.readAllBytes(file);
        bytes[middle + 40] ^= 0x01; // one bit flipped inside the second entry's text: its checksum no longer matches
        Files.write(file, bytes);
        HistoryJournal read = new HistoryJournal(file, 10);
        assertEquals(List.of(entry(3, ""), entry(1, "")), read.latest(10));
        read.record(entry(4, ""));
        assertEquals(List.of(entry(4, ""), entry(3, ""), entry(1, "")), new HistoryJournal(file, 10).latest(10));
        assertAllFramed(file, 3);
    }

    @Test
    public void aJournalOfAnEarlierKilnIsReadAndRewrittenFramed() throws Exception {
        Path file = temp.getRoot().toPath().resolve("history.log");
        Files.writeString(file, HistoryLine.format(entry(1, "")) + "\n" + HistoryLine.format(entry(2, "x\ty")) + "\n");
        HistoryJournal journal = new HistoryJournal(file, 10);
        assertEquals(List.of(entry(2, "x\ty"), entry(1, "")), journal.latest(10));
        assertAllFramed(file, 2);
        journal.record(entry(3, ""));
        assertEquals(List.of(entry(3, ""), entry(2, "x\ty"), entry(1, "")), new HistoryJournal(file, 10).latest(10));
    }

    @Test
    public void anEarlierKilnsLastLineWithoutALineBreakIsStillRead() throws Exception {
        Path file = temp.getRoot().toPath().resolve("history.log");
        Files.writeString(file, HistoryLine.format(entry(1, "")) + "\n" + HistoryLine.format(entry(2, "")));
        assertEquals(List.of(entry(2, ""), entry(1, "")), new HistoryJournal(file, 10).latest(10));
    }

    private static void assertAllFramed(Path file, int entries) throws Exception {
        List<JournalLines.Line> lines = JournalLines.read(Files.readAllBytes(file));
        assertEquals(lines.toString(), entries, lines.size());
        assertTrue(lines.toString(), lines.stream().allMatch(l -> l.kind() == JournalLines.Kind.ENTRY));
    }
}
