package io.kiln.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the scale benchmark measured: samples by label, in the order first measured, and notes for the report. */
final class ScaleFigures {

    /** How one series is shown: its unit, and the goal it is held to, if any (empty when none). */
    record Series(String unit, String goal, Samples samples) {
    }

    private final Map<String, Series> series = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    Samples of(String label, String unit, String goal) {
        return series.computeIfAbsent(label, l -> new Series(unit, goal, new Samples())).samples();
    }

    Map<String, Series> series() {
        return series;
    }

    void note(String note) {
        notes.add(note);
        System.out.println("  [scale] " + note);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }
}
