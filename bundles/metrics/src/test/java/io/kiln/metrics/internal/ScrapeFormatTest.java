package io.kiln.metrics.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class ScrapeFormatTest {

    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final ScrapeFormat format = new ScrapeFormat();

    @Test
    public void textUnlessOpenMetricsIsAskedFor() {
        assertEquals(TEXT, format.forAccept(null).getContentType());
        assertEquals(TEXT, format.forAccept("*/*").getContentType());
        assertEquals(TEXT, format.forAccept("text/plain;version=0.0.4;q=0.3").getContentType());
        assertEquals("application/openmetrics-text; version=1.0.0; charset=utf-8",
                format.forAccept("application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5").getContentType());
    }

    @Test
    public void neverProtobufWhichThisBundleCannotWrite() {
        assertEquals(TEXT, format.forAccept("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited").getContentType());
    }
}
