package io.kiln.runtime.internal.deploy;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;

import org.junit.Test;

import io.kiln.runtime.api.Outcome;

public class PluginRecordTest {

    private static final Instant ENDED = Instant.parse("2026-12-01T12:00:00.000500Z");

    @Test
    public void aBundleStampedAfterTheRecordsLastChangeIsAChangeThatDidNotCommit() {
        PluginRecord record = new PluginRecord("a", "a.jar", "abc", "1.0.0", true, "", Outcome.APPLIED, "", ENDED);
        assertTrue(record.changedAfter(ENDED.toEpochMilli() + 1));
        // the framework stamps in milliseconds, before the record is stamped: the same millisecond is the committed build
        assertFalse(record.changedAfter(ENDED.toEpochMilli()));
        assertFalse(record.changedAfter(ENDED.toEpochMilli() - 60_000));
    }

    @Test
    public void aRecordNeverStampedSaysNothingChanged() {
        PluginRecord record = new PluginRecord("a", "a.jar", "abc", "1.0.0", true, "", null, "", null);
        assertFalse(record.changedAfter(Long.MAX_VALUE));
    }
}
