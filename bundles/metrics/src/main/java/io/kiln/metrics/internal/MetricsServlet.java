package io.kiln.metrics.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;

/**
 * {@code GET /metrics}: every registered figure, in the Prometheus text format (OpenMetrics if asked for).
 * <p>
 * The admin API's token filter (kiln-http's, whiteboard name {@code kiln-token}) guards this path on the same servlet
 * context. The servlet takes that filter at its creation, so that {@code /metrics} is never served unguarded: not while
 * kiln-http is missing, nor when kiln-http refuses to serve on a non-loopback address. (There the filter's service is
 * registered but cannot be created; a servlet that merely waited for the registration was served without it.)
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/metrics")
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServlet.class);

    private final transient MetricsRegistry metrics;
    private final transient ScrapeFormat format = new ScrapeFormat();

    @Activate
    public MetricsServlet(@Reference MetricsRegistry metrics,
            @Reference(target = "(osgi.http.whiteboard.filter.name=kiln-token)") Filter guard) {
        // the guard is taken, not called: the whiteboard puts it before this servlet; without it, SCR creates no servlet
        this.metrics = metrics;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            JsonError.write(response, 405, "method not allowed", request.getMethod() + " is not supported on /metrics (GET and HEAD are)");
            return;
        }
        ExpositionFormatWriter writer = format.forAccept(request.getHeader("Accept"));
        ByteArrayOutputStream body = new ByteArrayOutputStream(16384);
        try {
            // all of it first: a collector that fails is a 500, not a 200 cut short
            writer.write(body, metrics.scraped().scrape());
        } catch (RuntimeException e) {
            LOG.error("GET /metrics failed: {}", e.toString());
            LOG.debug("GET /metrics failed", e);
            JsonError.write(response, 500, "internal error", e.toString());
            return;
        }
        response.setStatus(200);
        response.setContentType(writer.getContentType());
        response.setContentLength(body.size());
        if ("GET".equals(request.getMethod())) {
            try (OutputStream out = response.getOutputStream()) {
                body.writeTo(out);
            }
        }
    }
}
