package io.kiln.metrics.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class JsonErrorTest {

    @Test
    public void quotesWhatJsonMustEscape() {
        assertEquals("\"a \\\"b\\\" \\\\ c\\nd\\u0001\"", JsonError.quote("a \"b\" \\ c\nd\u0001"));
        assertEquals("\"plain\"", JsonError.quote("plain"));
    }
}
