package io.kiln.bench.probe;

import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import io.kiln.sample.chain.ChainLink;

/**
 * One caller thread of {@link ChainCaller}: calls the top link without pause until stopped, timing each call. A call
 * fails if no top link is bound, if it throws, or if it answers something that is not a whole chain down to alpha;
 * after a failure the caller waits 1 ms before its next call (a caller's retry), so that the failures count the time
 * the chain could not be called rather than how fast failing is.
 */
final class Caller implements Runnable {

    private static final int KEPT_FAILURES = 5;
    /** Calls slower than this are kept one by one (their start and length), for the harness to place against the updates. */
    static final long SLOW_NANOS = 1_000_000;
    private static final int KEPT_SLOW = 20_000;

    private final Supplier<ChainLink> top;
    private final Queue<String> failureTexts;
    private final CountDownLatch underWay;
    private final long measuredFrom;
    private final LatencyHistogram latencies = new LatencyHistogram();
    private volatile boolean running = true;
    private long failures;
    private long alphaChanges;
    private long slowest = -1;
    private long slowestStart;
    private final long[] slow = new long[2 * KEPT_SLOW];
    private int slowCount;

    /**
     * @param underWay     counted down once this caller's first call returned
     * @param measuredFrom the {@code System.nanoTime()} from which calls are timed (before it: the warm-up); failures
     *                     count from the first call
     */
    Caller(Supplier<ChainLink> top, Queue<String> failureTexts, CountDownLatch underWay, long measuredFrom) {
        this.top = top;
        this.failureTexts = failureTexts;
        this.underWay = underWay;
        this.measuredFrom = measuredFrom;
    }

    @Override
    public void run() {
        try {
            call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void call() throws InterruptedException {
        String last = "";
        boolean first = true;
        while (running) {
            long start = System.nanoTime();
            String answer;
            try {
                ChainLink link = top.get();
                if (link == null) {
                    record(start, System.nanoTime());
                    fail("no ChainLink (link=charlie) bound");
                    continue;
                }
                answer = link.describe();
            } catch (RuntimeException e) {
                record(start, System.nanoTime());
                fail(e.toString());
                continue;
            }
            record(start, System.nanoTime());
            if (first) {
                underWay.countDown();
                first = false;
            }
            if (!answer.startsWith("charlie ") || !answer.contains(" -> beta ") || !answer.contains(" -> alpha ")) {
                fail("unexpected answer: " + answer);
            } else if (!answer.equals(last)) {
                alphaChanges++;
                last = answer;
            }
        }
    }

    private void record(long start, long end) {
        if (start - measuredFrom >= 0) {
            latencies.record(end - start);
            if (end - start > SLOW_NANOS && slowCount < KEPT_SLOW) {
                slow[2 * slowCount] = start;
                slow[2 * slowCount + 1] = end - start;
                slowCount++;
            }
            if (end - start > slowest) {
                slowest = end - start;
                slowestStart = start;
            }
        }
    }

    private void fail(String text) throws InterruptedException {
        failures++;
        if (failureTexts.size() < KEPT_FAILURES) {
            failureTexts.add(text);
        }
        Thread.sleep(1);
    }

    void stop() {
        running = false;
    }

    LatencyHistogram latencies() {
        return latencies;
    }

    /** @return the {@code System.nanoTime()} at which this caller's slowest timed call began */
    long slowestStart() {
        return slowestStart;
    }

    /** Appends {@code start length} lines (nanoseconds) of the slow calls kept. */
    void slowCalls(StringBuilder out) {
        for (int i = 0; i < slowCount; i++) {
            out.append(slow[2 * i]).append(' ').append(slow[2 * i + 1]).append('\n');
        }
    }

    long slowest() {
        return slowest;
    }

    long failures() {
        return failures;
    }

    /** @return how many different answers this thread saw, in a row (one per alpha version that served it) */
    long answers() {
        return alphaChanges;
    }
}
