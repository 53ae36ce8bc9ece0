package io.kiln.runtime.internal.config;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.Trigger;
import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Subject;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.internal.history.ChangeJournal;

/** Says what became of a section: in the log, and in the history. */
final class SectionRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(Sections.class);

    private final ChangeJournal journal;

    SectionRecorder(ChangeJournal journal) {
        this.journal = journal;
    }

    void applied(SectionFile section, Trigger trigger, long start) {
        LOG.info("section {} applied from {}", section.configurationPid(), section.fileName());
        record(section.configurationPid(), trigger, Action.CONFIGURE, Outcome.APPLIED, start, "");
    }

    void warned(String warning) {
        LOG.warn("{}", warning);
    }

    void refused(String pid, Trigger trigger, long start, String reason) {
        LOG.error("{}; the section keeps its last good configuration", reason);
        record(pid, trigger, Action.CONFIGURE, Outcome.REJECTED, start, reason);
    }

    /**
     * Applied and undone: the reason says what runs now (the last good configuration, or the defaults).
     *
     * @param outcome {@code ROLLED_BACK}, or {@code FAILED} if putting the last good one back did not work either
     */
    void undone(String pid, Trigger trigger, long start, String reason, Outcome outcome) {
        LOG.error("{}", reason);
        record(pid, trigger, Action.CONFIGURE, outcome, start, reason);
    }

    void requestRefused(SectionFile section, Trigger trigger, long start, String reason) {
        LOG.warn("{}; set refused, nothing written: the section is as it was", reason);
        record(section.configurationPid(), trigger, Action.SET, Outcome.REJECTED, start, reason);
    }

    void withdrawn(SectionFile section, long start, String reason) {
        LOG.error("{}; withdrawn until the file is fixed", reason);
        record(section.configurationPid(), Trigger.VALIDATION, Action.CONFIGURE, Outcome.REJECTED, start, reason);
    }

    void removed(SectionFile section, Trigger trigger, long start) {
        LOG.info("section {} removed with {}", section.configurationPid(), section.fileName());
        record(section.configurationPid(), trigger, Action.REMOVE, Outcome.APPLIED, start, "");
    }

    void orphanRemoved(SectionDelivery.Orphan orphan) {
        LOG.info("section {} removed: {} is gone", orphan.pid(), orphan.file());
    }

    void failed(String message, Object... arguments) {
        LOG.error(message, arguments);
    }

    private void record(String pid, Trigger trigger, Action action, Outcome outcome, long start, String error) {
        Subject subject = SectionPids.isAgent(pid) ? Subject.AGENT : Subject.SECTION;
        HistoryEntry entry = new HistoryEntry(Instant.now(), subject, pid, trigger, action, "", "", outcome, took(start).toMillis(),
                error, List.of(), List.of(), 0, 0); // a section restarts components, never bundles
        try {
            journal.record(entry);
        } catch (java.io.UncheckedIOException e) {
            // the section's file is its own record: what runs is as the outcome says, only the history misses it
            LOG.error("section {}: {} is not in the history: {}", pid, outcome, e.getMessage());
            journal.tell(entry);
        }
    }

    static Duration took(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
