package io.kiln.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The values of one measure, plus the trials that produced none (timed out). */
final class Samples {

    private final List<Double> values = new ArrayList<>();
    private int failures;

    void add(double value) {
        values.add(value);
    }

    void fail() {
        failures++;
    }

    int count() {
        return values.size();
    }

    int failures() {
        return failures;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Nearest-rank percentile: the smallest value with at least {@code p}% of the values at or below it. */
    double percentile(double p) {
        List<Double> sorted = sorted();
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    double min() {
        return sorted().get(0);
    }

    double max() {
        List<Double> sorted = sorted();
        return sorted.get(sorted.size() - 1);
    }

    List<Double> values() {
        return List.copyOf(values);
    }

    private List<Double> sorted() {
        if (values.isEmpty()) {
            throw new IllegalStateException("no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
