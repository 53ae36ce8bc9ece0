package io.kiln.bench;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the caller probe wrote for one phase ({@code calls-<phase>.properties}), plus what the harness saw of the
 * reloads meanwhile.
 *
 * @param slowestStartNanos the {@code System.nanoTime()} (the probe's, the same clock as the harness's on Linux) at
 *                          which the slowest call began
 * @param updates           the updates of alpha the harness made during the phase
 */
record CallFigures(String phase, String label, int threads, long calls, long failures, long elapsedNanos, long p50Nanos,
                   long p99Nanos, long p999Nanos, long maxNanos, long over1ms, long over10ms, long over100ms,
                   long gcCount, long gcMillis,
                   long slowestStartNanos, List<String> failureTexts, List<CallsBench.Update> updates) {

    static CallFigures parse(String label, String text, List<CallsBench.Update> updates) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        List<String> failures = new ArrayList<>();
        for (int i = 1; p.containsKey("failure." + i); i++) {
            failures.add(p.getProperty("failure." + i));
        }
        return new CallFigures(p.getProperty("phase"), label, number(p, "threads").intValue(), number(p, "calls"),
                number(p, "failures"), number(p, "elapsedNanos"), number(p, "p50Nanos"), number(p, "p99Nanos"),
                number(p, "p999Nanos"), number(p, "maxNanos"), number(p, "over1ms"), number(p, "over10ms"),
                number(p, "over100ms"), number(p, "gcCount"), number(p, "gcMillis"), number(p, "slowestStartNanos"), List.copyOf(failures),
                List.copyOf(updates));
    }

    private static Long number(Properties p, String key) throws IOException {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IOException("the caller probe's record lacks " + key);
        }
        return Long.parseLong(value.trim());
    }

    double callsPerSecond() {
        return calls / (elapsedNanos / 1e9);
    }

    List<Double> reloadMillis() {
        return updates.stream().map(CallsBench.Update::durationMillis).toList();
    }

    /**
     * @return where the slowest call began, against the update of alpha nearest to it: "X ms after alpha V was
     *         dropped into hot/, whose change event came at Y ms" (X negative: before); empty without updates
     */
    String slowestCall() {
        CallsBench.Update nearest = null;
        for (CallsBench.Update update : updates) {
            if (nearest == null || Math.abs(slowestStartNanos - update.droppedNanos()) < Math.abs(slowestStartNanos - nearest.droppedNanos())) {
                nearest = update;
            }
        }
        if (nearest == null) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, "began %.1f ms after alpha %s was dropped into hot/ (its change event came at %.1f ms)",
                (slowestStartNanos - nearest.droppedNanos()) / 1e6, nearest.version(), (nearest.eventNanos() - nearest.droppedNanos()) / 1e6);
    }

    double seconds() {
        return elapsedNanos / 1e9;
    }
}
