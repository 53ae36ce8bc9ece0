package io.kiln.bench.probe;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class LatencyHistogramTest {

    @Test
    public void smallValuesAreExact() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long v = 0; v < 16; v++) {
            histogram.record(v);
        }
        assertEquals(16, histogram.total());
        assertEquals(7, histogram.quantile(0.5));
        assertEquals(15, histogram.quantile(1.0));
    }

    @Test
    public void quantilesAreWithinOneSixteenthAboveTheTrueValue() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            histogram.record(v * 1_000);
        }
        long p50 = histogram.quantile(0.50);
        long p99 = histogram.quantile(0.99);
        assertTrue("p50 " + p50, p50 >= 50_000_000L && p50 <= 50_000_000L * 17 / 16);
        assertTrue("p99 " + p99, p99 >= 99_000_000L && p99 <= 99_000_000L * 17 / 16);
        assertEquals(100_000_000L, histogram.max());
        assertEquals(100_000_000L, histogram.quantile(1.0));
        assertEquals(50_000_500L, histogram.mean());
    }

    @Test
    public void aboveCountsTheSlowCallsAndMergingAdds() {
        LatencyHistogram one = new LatencyHistogram();
        LatencyHistogram two = new LatencyHistogram();
        one.record(500);
        one.record(2_000_000);
        two.record(300_000_000);
        one.add(two);
        assertEquals(3, one.total());
        assertEquals(2, one.above(1_000_000));
        assertEquals(1, one.above(100_000_000));
        assertEquals(300_000_000, one.max());
    }
}
