package io.kiln.metrics.internal;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;

/**
 * The format of an answer: OpenMetrics when the scraper's {@code Accept} asks for it, else the Prometheus text format
 * 0.0.4. Not the client's {@code ExpositionFormats}: it answers an {@code Accept} that prefers protobuf with the
 * protobuf writer, which this bundle leaves out, and which then cannot write.
 */
final class ScrapeFormat {

    private final ExpositionFormatWriter openMetrics = OpenMetricsTextFormatWriter.builder().setCreatedTimestampsEnabled(false).build();
    private final ExpositionFormatWriter text = PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(false).build();

    /** @param accept the request's {@code Accept} header, or {@code null} */
    ExpositionFormatWriter forAccept(String accept) {
        return accept != null && openMetrics.accepts(accept) ? openMetrics : text;
    }
}
