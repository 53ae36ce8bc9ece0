package io.kiln.http.internal;


import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;

import io.kiln.runtime.api.PluginService;

/** {@code GET /api/v1/history?limit=N}: the latest changes, newest first (default 50, at most 1000). */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/history")
public final class HistoryServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX = 1000;

    private final transient PluginService plugins;

    private final transient Routes routes;

    /** {@code settings}: served only while the admin API is (its settings allow it on this address). */
    @Activate
    public HistoryServlet(@Reference PluginService plugins, @Reference ApiSettings settings) {
        this.plugins = plugins;
        this.routes = new Routes("/api/v1/history")
                .get("", c -> Exchange.json(c.response(), 200, Json.history(plugins.history(limit(Exchange.query(c.request(), "limit"))))));
    }

    @Override
    protected Routes routes() {
        return routes;
    }

    static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return 50;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit < 1 || limit > MAX) {
                throw ApiException.badRequest("'limit' must be between 1 and " + MAX + ", not " + limit);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'limit' must be a number, not '" + text + "'");
        }
    }
}
