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
 * @param slowCalls         each call over 1 ms: its start ({@code System.nanoTime()}) and length in nanoseconds
 */
record CallFigures(String phase, String label, int threads, long calls, long failures, long elapsedNanos, long p50Nanos,
                   long p99Nanos, long p999Nanos, long maxNanos, long over1ms, long over10ms, long over100ms,
                   long gcCount, long gcMillis,
                   long slowestStartNanos, List<String> failureTexts, List<CallsBench.Update> updates, List<long[]> slowCalls) {

    static CallFigures parse(String label, String text, String slow, List<CallsBench.Update> updates) throws IOException {
        List<long[]> slowCalls = new ArrayList<>();
        for (String line : slow.split("\n")) {
            if (!line.isBlank()) {
                String[] fields = line.trim().split(" ");
                slowCalls.add(new long[] { Long.parseLong(fields[0]), Long.parseLong(fields[1]) });
            }
        }
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
                List.copyOf(updates), List.copyOf(slowCalls));
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

    /** The calls over 1 ms of one kind: how many, how many over 10 and 100 ms, the longest. */
    record Slow(long count, long over10ms, long over100ms, long maxNanos) {
    }

    /** @return the calls over 1 ms that began while an update was under way: from the drop into hot/ to its change event */
    Slow duringUpdates() {
        return slow(true);
    }

    /** @return the calls over 1 ms that began at any other time */
    Slow betweenUpdates() {
        return slow(false);
    }

    private Slow slow(boolean during) {
        long count = 0, over10 = 0, over100 = 0, max = 0;
        for (long[] call : slowCalls) {
            if (duringUpdate(call[0]) == during) {
                count++;
                over10 += call[1] > 10_000_000 ? 1 : 0;
                over100 += call[1] > 100_000_000 ? 1 : 0;
                max = Math.max(max, call[1]);
            }
        }
        return new Slow(count, over10, over100, max);
    }

    private boolean duringUpdate(long startNanos) {
        return updates.stream().anyMatch(u -> startNanos - u.droppedNanos() >= 0 && u.eventNanos() - startNanos >= 0);
    }

    /** @return the time from each drop into hot/ to its change event, added up */
    double updateSeconds() {
        return updates.stream().mapToLong(u -> u.eventNanos() - u.droppedNanos()).sum() / 1e9;
    }

    double seconds() {
        return elapsedNanos / 1e9;
    }
}
