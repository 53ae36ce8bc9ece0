package io.kiln.http.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import org.junit.Test;

public class HistoryServletTest {

    @Test
    public void limitDefaultsAndBounds() {
        assertEquals(50, HistoryServlet.limit(null));
        assertEquals(7, HistoryServlet.limit("7"));
        for (String bad : new String[] { "0", "-1", "1001", "ten" }) {
            try {
                HistoryServlet.limit(bad);
                fail(bad);
            } catch (ApiException e) {
                assertEquals(400, e.status());
            }
        }
    }
}
