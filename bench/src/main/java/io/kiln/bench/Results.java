package io.kiln.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Everything measured for one product: samples per measure and notes for the report. */
final class Results {

    private final String product;
    private final Map<Measure, Samples> samples = new EnumMap<>(Measure.class);
    private final List<String> notes = new ArrayList<>();

    Results(String product) {
        this.product = product;
    }

    String product() {
        return product;
    }

    Samples of(Measure measure) {
        return samples.computeIfAbsent(measure, m -> new Samples());
    }

    boolean has(Measure measure) {
        Samples s = samples.get(measure);
        return s != null && (!s.isEmpty() || s.failures() > 0);
    }

    void note(String note) {
        notes.add(note);
        System.out.println("  [" + product + "] " + note);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }
}
