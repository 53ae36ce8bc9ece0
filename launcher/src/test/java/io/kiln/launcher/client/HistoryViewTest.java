package io.kiln.launcher.client;

import static org.junit.Assert.assertTrue;

import org.junit.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;

/** {@code kiln history} prints what each change refreshed and restarted, and "?" where the entry does not know. */
public class HistoryViewTest {

    @Test
    public void theTableCountsWhatEachChangeRefreshedAndRestarted() {
        JsonArray entries = JsonParser.parseString("""
                [{"time":"2026-12-01T10:00:01Z","subject":"plugin","name":"root","action":"update","fromVersion":"1.0",
                  "toVersion":"1.1","outcome":"APPLIED","durationMillis":12,"trigger":"http","error":"","dependents":[],
                  "refreshed":10,"restarted":7},
                 {"time":"2026-12-01T10:00:00Z","subject":"plugin","name":"old","action":"update","fromVersion":"1.0",
                  "toVersion":"1.1","outcome":"APPLIED","durationMillis":9,"trigger":"file","error":"","dependents":[],
                  "refreshed":null,"restarted":null}]""").getAsJsonArray();
        String[] lines = Views.history(entries).text().split("\n");
        assertTrue(lines[0], lines[0].matches(".*\\bMS\\s+REFRESHED\\s+RESTARTED\\s+BY\\b.*"));
        assertTrue(lines[1], lines[1].matches(".*\\broot\\b.*\\b12\\s+10\\s+7\\s+http\\b.*"));
        assertTrue(lines[2], lines[2].matches(".*\\bold\\b.*\\b9\\s+\\?\\s+\\?\\s+file\\b.*"));
    }

    @Test
    public void timesArePrintedAsTheShellPrintsThemNotAsTheApisIsoText() {
        JsonArray entries = JsonParser.parseString("""
                [{"time":"2026-12-01T10:00:01.123456789Z","subject":"plugin","name":"root","action":"update",
                  "fromVersion":"1.0","toVersion":"1.1","outcome":"APPLIED","durationMillis":12,"trigger":"http",
                  "error":"","dependents":[],"refreshed":1,"restarted":1}]""").getAsJsonArray();
        String row = Views.history(entries).text().split("\n")[1];
        assertTrue(row, row.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} .*"));
    }
}
