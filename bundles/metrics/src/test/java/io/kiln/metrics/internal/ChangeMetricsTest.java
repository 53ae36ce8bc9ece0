package io.kiln.metrics.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.Test;

import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.Subject;
import io.kiln.runtime.api.Trigger;

public class ChangeMetricsTest {

    private final MetricsRegistry registry = new MetricsRegistry();
    private final ChangeMetrics metrics = new ChangeMetrics(registry);

    private static HistoryEntry entry(Subject subject, Action action, Outcome outcome, long millis) {
        return new HistoryEntry(Instant.now(), subject, "p", Trigger.HTTP, action, "1.0.0", "1.0.0", outcome, millis, "", List.of());
    }

    private String text() {
        return new ScrapeFormat().forAccept(null).toDebugString(registry.scraped().scrape());
    }

    @Test
    public void eachChangeCountsOnceByActionAndOutcomeWithItsDurationInSeconds() {
        metrics.changed(entry(Subject.PLUGIN, Action.RELOAD, Outcome.APPLIED, 120));
        metrics.changed(entry(Subject.PLUGIN, Action.RELOAD, Outcome.APPLIED, 3));
        metrics.changed(entry(Subject.SECTION, Action.CONFIGURE, Outcome.REJECTED, 1));
        String text = text();
        assertTrue(text, text.contains("kiln_changes_total{action=\"reload\",outcome=\"applied\"} 2.0\n"));
        assertTrue(text, text.contains("kiln_changes_total{action=\"configure\",outcome=\"rejected\"} 1.0\n"));
        assertTrue(text, text.contains("kiln_change_duration_seconds_bucket{action=\"reload\",outcome=\"applied\",le=\"0.005\"} 1\n"));
        assertTrue(text, text.contains("kiln_change_duration_seconds_bucket{action=\"reload\",outcome=\"applied\",le=\"0.25\"} 2\n"));
        assertTrue(text, text.contains("kiln_change_duration_seconds_sum{action=\"reload\",outcome=\"applied\"} 0.123\n"));
        assertTrue(text, text.contains("kiln_rejections_total{subject=\"section\"} 1.0\n"));
        assertTrue(text, text.contains("kiln_rejections_total{subject=\"plugin\"} 0.0\n"));
    }

    @Test
    public void rollbacksBySubjectAndLeaksApartFromTheChanges() {
        metrics.changed(entry(Subject.PLUGIN, Action.UPDATE, Outcome.ROLLED_BACK, 40));
        metrics.changed(entry(Subject.PLUGIN, Action.LEAK, Outcome.FAILED, 0));
        String text = text();
        assertTrue(text, text.contains("kiln_rollbacks_total{subject=\"plugin\"} 1.0\n"));
        assertTrue(text, text.contains("kiln_rollbacks_total{subject=\"section\"} 0.0\n"));
        assertTrue(text, text.contains("kiln_leaks_total 1.0\n"));
        assertFalse(text, text.contains("action=\"leak\""));
    }

    @Test
    public void goneFromTheRegistryOnceDeactivated() {
        metrics.changed(entry(Subject.PLUGIN, Action.RELOAD, Outcome.APPLIED, 1));
        metrics.deactivate();
        String text = text();
        assertFalse(text, text.contains("kiln_"));
        assertTrue("the JVM's own stay", text.contains("jvm_memory_used_bytes"));
    }

    @Test
    public void theJvmsOwnFromTheFirstScrapeOnAndOnlyOnce() {
        String before = new ScrapeFormat().forAccept(null).toDebugString(registry.registry().scrape());
        assertFalse("not registered until scraped", before.contains("jvm_memory_used_bytes"));
        text();
        String again = text();
        assertEquals(again, 1, again.split("# TYPE jvm_memory_used_bytes ", -1).length - 1);
    }
}
