package io.kiln.runtime.internal.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.kiln.runtime.api.Outcome;

public class PluginRecordsTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void pluginsAndRejectionsSurviveARestart() throws Exception {
        Path file = temp.getRoot().toPath().resolve("plugins.properties");
        PluginRecords records = new PluginRecords(file);
        PluginRecord record = new PluginRecord("com.example.a", "a.jar", "abc", "1.0.0", false, "", Outcome.ROLLED_BACK,
                "a.jar: boom", Instant.parse("2026-11-21T10:00:00Z"));
        records.put(record);
        records.reject(new PluginRecords.Rejection("b.jar", "def", "", "b.jar: no manifest", Instant.parse("2026-11-21T11:00:00Z"), true));

        PluginRecords read = new PluginRecords(file);
        assertEquals(record, read.plugin("com.example.a").orElseThrow());
        assertEquals(record, read.byFile("a.jar").orElseThrow());
        PluginRecords.Rejection rejection = read.rejection("b.jar").orElseThrow();
        assertEquals("b.jar: no manifest", rejection.reason());
        assertTrue(rejection.waiting());

        read.clearRejection("b.jar");
        read.remove("com.example.a");
        PluginRecords again = new PluginRecords(file);
        assertFalse(again.rejection("b.jar").isPresent());
        assertFalse(again.plugin("com.example.a").isPresent());
    }

    @Test
    public void recordsPutTogetherAndChangedOneByOneAreReadBackAsLastWritten() throws Exception {
        Path file = temp.getRoot().toPath().resolve("plugins.properties");
        PluginRecords records = new PluginRecords(file);
        java.util.List<PluginRecord> batch = java.util.stream.IntStream.rangeClosed(1, 50)
                .mapToObj(i -> new PluginRecord("p" + i, "p" + i + ".jar", "sha" + i, "1.0.0", true, "", null, "", null)).toList();
        records.putAll(batch);
        PluginRecord changed = batch.get(9).ended(Outcome.APPLIED, "x = y: with \\ and \u00e9", Instant.parse("2026-12-01T00:00:00Z"));
        records.put(changed);
        records.remove("p20");

        PluginRecords read = new PluginRecords(file);
        assertEquals(49, read.plugins().size());
        assertEquals(changed, read.plugin("p10").orElseThrow());
        assertEquals(batch.get(0), read.plugin("p1").orElseThrow());
        assertFalse(read.plugin("p20").isPresent());
    }

    @Test
    public void aRecordThatCannotBeSavedFailsThePutAndIsNotKept() throws Exception {
        Path file = temp.getRoot().toPath().resolve("plugins.properties");
        PluginRecords records = new PluginRecords(file);
        PluginRecord before = new PluginRecord("com.example.a", "a.jar", "abc", "1.0.0", true, "", null, "", null);
        records.put(before);
        java.nio.file.Files.delete(file);
        java.nio.file.Files.createDirectories(file.resolve("blocked")); // a non-empty folder: no rename can replace it

        PluginRecord after = before.withEnabled(false);
        assertThrows(java.io.UncheckedIOException.class, () -> records.put(after));
        assertEquals(before, records.plugin("com.example.a").orElseThrow());
        assertThrows(java.io.UncheckedIOException.class, () -> records.remove("com.example.a"));
        assertEquals(before, records.plugin("com.example.a").orElseThrow());
    }
}
