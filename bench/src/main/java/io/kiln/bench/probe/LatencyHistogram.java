package io.kiln.bench.probe;

/**
 * Call latencies in nanoseconds, in log-linear buckets: 16 per power of two, so a percentile read from it is at most
 * 1/16 (6 %) above the true value; the maximum and the sum are exact. One per caller thread (no sharing on the
 * call path), merged at the end.
 */
final class LatencyHistogram {

    private static final int SUB_BITS = 4;
    private static final int SUB = 1 << SUB_BITS;

    private final long[] counts = new long[64 * SUB];
    private long total;
    private long sum;
    private long max;

    void record(long nanos) {
        long value = Math.max(0, nanos);
        counts[index(value)]++;
        total++;
        sum += value;
        max = Math.max(max, value);
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        sum += other.sum;
        max = Math.max(max, other.max);
    }

    long total() {
        return total;
    }

    long max() {
        return max;
    }

    long mean() {
        return total == 0 ? 0 : sum / total;
    }

    /** @return the upper bound of the bucket holding the {@code fraction} quantile (nearest rank), never above the max */
    long quantile(double fraction) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), max);
            }
        }
        return max;
    }

    /** @return how many calls took longer than {@code nanos} (to bucket precision) */
    long above(long nanos) {
        long above = 0;
        for (int i = index(nanos) + 1; i < counts.length; i++) {
            above += counts[i];
        }
        return above;
    }

    private static int index(long value) {
        if (value < SUB) {
            return (int) value;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(value);
        int sub = (int) (value >>> (exponent - SUB_BITS)) & (SUB - 1);
        return (exponent - SUB_BITS + 1) * SUB + sub;
    }

    private static long upperBound(int index) {
        if (index < SUB) {
            return index;
        }
        int exponent = index / SUB + SUB_BITS - 1;
        long sub = index % SUB;
        return ((SUB + sub + 1) << (exponent - SUB_BITS)) - 1;
    }
}
