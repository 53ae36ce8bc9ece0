package io.kiln.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.Map;

import org.junit.Test;

public class PrometheusTextTest {

    private static final String VALID = """
            # HELP kiln_changes_total Changes
            # TYPE kiln_changes_total counter
            kiln_changes_total{action="reload",outcome="applied"} 3.0
            kiln_changes_total{action="install",outcome="rejected"} 1
            # TYPE d_seconds histogram
            d_seconds_bucket{le="0.1"} 1
            d_seconds_bucket{le="+Inf"} 2
            d_seconds_count 2
            d_seconds_sum 0.3
            up{job="a\\"b"} 1.5E7
            """;

    @Test
    public void readsSamplesAndTypes() {
        PrometheusText text = PrometheusText.parse(VALID);
        assertEquals(3.0, text.count("kiln_changes_total", Map.of("action", "reload", "outcome", "applied")), 0);
        assertEquals(0.0, text.count("kiln_changes_total", Map.of("action", "reload", "outcome", "failed")), 0);
        assertEquals("histogram", text.type("d_seconds"));
        assertEquals(1.5E7, text.count("up", Map.of("job", "a\"b")), 0);
    }

    @Test
    public void refusesWhatPrometheusWould() {
        for (String bad : new String[] { "x 1", "x{a=\"1\"} one\n", "x{a=1} 1\n", "x{a=\"1\",} 1\n", "1x 1\n", "x 1\nx 1\n",
                "# TYPE x counter\n# TYPE x gauge\nx 1\n", "x 1\ny 1\nx{a=\"b\"} 1\n", "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\n",
                "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n" }) {
            assertThrows(bad, IllegalArgumentException.class, () -> PrometheusText.parse(bad));
        }
    }
}
