package io.kiln.http.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Leftover;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.RetainedRevision;
import io.kiln.runtime.api.RuntimeStatus;
import io.kiln.runtime.api.Subject;
import io.kiln.runtime.api.Trigger;

public class JsonTest {

    @Test
    public void aResultSaysWhatThePluginLeftBehind() {
        Leftover thread = new Leftover(Leftover.Kind.THREAD, "\"worker\" (runs acme.Worker)", Leftover.Handling.STILL_RUNNING);
        ChangeResult result = new ChangeResult("acme", Action.UPDATE, Outcome.APPLIED, "1.0", "1.1", Duration.ofMillis(5), "",
                List.of(), List.of(thread));
        assertEquals(List.of(Map.of("kind", "thread", "description", "\"worker\" (runs acme.Worker)", "handling", "still_running",
                "text", "thread \"worker\" (runs acme.Worker): interrupted, did not end")), Json.result(result).get("leftovers"));
    }

    @Test
    public void aHistoryEntrySaysWhatItRefreshedAndRestartedAndNullWhereThatIsNotKnown() {
        HistoryEntry counted = new HistoryEntry(Instant.parse("2026-12-01T10:00:00Z"), Subject.PLUGIN, "root", Trigger.HTTP,
                Action.UPDATE, "1.0", "1.1", Outcome.APPLIED, 12, "", List.of(), List.of(), 10, 10);
        Map<String, Object> json = Json.history(counted);
        assertEquals(10, json.get("refreshed"));
        assertEquals(10, json.get("restarted"));
        HistoryEntry older = new HistoryEntry(Instant.parse("2026-12-01T10:00:00Z"), Subject.PLUGIN, "root", Trigger.HTTP,
                Action.UPDATE, "1.0", "1.1", Outcome.APPLIED, 12, "", List.of(), List.of());
        assertTrue(Json.history(older).containsKey("refreshed"));
        assertNull(Json.history(older).get("refreshed"));
        assertNull(Json.history(older).get("restarted"));
    }

    @Test
    public void theStatusListsRetainedRevisions() {
        RetainedRevision retained = new RetainedRevision("acme", "1.0", Instant.parse("2026-12-01T10:00:00Z"), List.of("thread \"worker\""));
        RuntimeStatus status = new RuntimeStatus(1, 1, 0, 0, List.of(), List.of(), List.of(retained));
        assertEquals(List.of(Map.of("plugin", "acme", "version", "1.0", "retired", "2026-12-01T10:00:00Z", "holders", List.of("thread \"worker\""))),
                Json.status(status, "0.1.0", 1).get("retained"));
        assertEquals(List.of(), Json.status(new RuntimeStatus(0, 0, 0, 0, List.of(), List.of()), "0.1.0", 1).get("retained"));
    }

    @Test
    public void theStatusSaysWhatWasRecoveredAtTheLastStart() {
        String line = "acme: missing from the framework cache; reinstalled 1.0 (kept build 2-1f2e3d4c), with the state it last saved";
        RuntimeStatus status = new RuntimeStatus(1, 1, 0, 0, List.of(), List.of(), List.of(), 0, List.of(line));
        assertEquals(List.of(line), Json.status(status, "0.1.0", 1).get("recovered"));
        assertEquals(List.of(), Json.status(new RuntimeStatus(0, 0, 0, 0, List.of(), List.of()), "0.1.0", 1).get("recovered"));
    }
}
