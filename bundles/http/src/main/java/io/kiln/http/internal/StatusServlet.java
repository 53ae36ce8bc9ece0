package io.kiln.http.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;

import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletResponse;

import io.kiln.runtime.api.PluginService;

/** {@code GET /api/v1/status}: the runtime's version, uptime, counts, and the files it rejected with the reasons. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/status")
public final class StatusServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;

    private final transient PluginService plugins;

    private final transient Routes routes;

    @Activate
    public StatusServlet(@Reference PluginService plugins, @Reference ApiSettings settings) {
        this.plugins = plugins;
        this.routes = new Routes("/api/v1/status").get("", c -> status(c.response()));
    }

    @Override
    protected Routes routes() {
        return routes;
    }

    private void status(HttpServletResponse response) throws IOException {
        String version = FrameworkUtil.getBundle(PluginService.class).getVersion().toString();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        Exchange.json(response, 200, Json.status(plugins.status(), version, uptime));
    }
}
