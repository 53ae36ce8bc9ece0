package io.kiln.http.internal;

import java.io.IOException;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.JsonObject;

import io.kiln.runtime.api.LogLevel;
import io.kiln.runtime.api.LoggingService;
import io.kiln.runtime.api.SectionResult;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /api/v1/log}: the levels logging runs with ({@code GET}), a level set ({@code PUT /api/v1/log/level}, written
 * into the logging section; refused as a section change is, 422), the latest messages ({@code GET
 * /api/v1/log/lines?limit=N}) and every message from now on as a Server-Sent Events stream ({@code GET
 * /api/v1/log/stream}, one {@code line} event each).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ "/api/v1/log", "/api/v1/log/*" })
@HttpWhiteboardServletAsyncSupported
public final class LogServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_STREAMS = 16;

    private final transient LoggingService logging;
    private final transient ApiSettings settings;
    private final transient EventStreams streams = new EventStreams("kiln-http-log", MAX_STREAMS);
    private final transient LoggingService.Following following;
    private final transient Routes routes;

    @Activate
    public LogServlet(@Reference LoggingService logging, @Reference ApiSettings settings) {
        this.logging = logging;
        this.settings = settings;
        this.following = logging.follow(line -> {
            if (!streams.isEmpty()) {
                streams.send("event: line\ndata: " + Json.write(LogJson.line(line)) + "\n\n");
            }
        });
        this.routes = new Routes("/api/v1/log")
                .get("", c -> Exchange.json(c.response(), 200, LogJson.levels(logging.levels())))
                .put("level", c -> setLevel(c.request(), c.response()))
                .get("lines", c -> Exchange.json(c.response(), 200,
                        LogJson.lines(logging.recent(HistoryServlet.limit(Exchange.query(c.request(), "limit"))))))
                .get("stream", c -> streams.open(c.request(), c.response(), ": kiln log\nretry: 2000\n\n"));
    }

    @Deactivate
    void deactivate() {
        following.close();
        streams.close();
    }

    @Override
    protected Routes routes() {
        return routes;
    }

    /** {@code {"level": "debug"}} for the root level, {@code {"logger": "org.eclipse.jetty" | PLUGIN, "level": ...}}. */
    private void setLevel(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonObject body = Json.readObject(Exchange.text(request, settings.maxJsonBytes()));
        String level = Json.string(body, "level");
        if (level == null) {
            throw ApiException.badRequest("send {\"level\": \"debug\"}, with \"logger\": a plugin's or a logger's name, or none for the root level");
        }
        LogLevel parsed;
        try {
            parsed = LogLevel.parse(level);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        String logger = Json.string(body, "logger");
        SectionResult result;
        try {
            result = logging.setLevel(logger == null ? "" : logger, parsed, Exchange.trigger(request));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (!result.succeeded()) {
            throw new ApiException(422, "level not set", result.error(), List.of(SectionJson.result(result)));
        }
        Exchange.json(response, 200, List.of(SectionJson.result(result)));
    }
}
