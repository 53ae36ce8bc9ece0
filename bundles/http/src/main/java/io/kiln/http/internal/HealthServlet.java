package io.kiln.http.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletResponse;

import io.kiln.runtime.api.PluginInfo;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.RuntimeStatus;

/**
 * {@code GET /health}, without a token (for load balancers and service managers): 200 when every enabled plugin is
 * ACTIVE with all its components working and no lifecycle call is stuck, 503 naming the failing ones otherwise.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/health")
public final class HealthServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;

    private final transient PluginService plugins;
    private final transient ComponentHealth components;

    private final transient Routes routes;

    @Activate
    public HealthServlet(BundleContext context, @Reference PluginService plugins, @Reference ServiceComponentRuntime scr,
            @Reference ApiSettings settings) {
        this.plugins = plugins;
        this.components = new ComponentHealth(context, scr);
        this.routes = new Routes("/health").get("", c -> health(c.response()));
    }

    @Override
    protected Routes routes() {
        return routes;
    }

    private void health(HttpServletResponse response) throws IOException {
        List<PluginInfo> all = plugins.list();
        List<Map<String, Object>> failing = new java.util.ArrayList<>();
        for (PluginInfo p : all) {
            if (!p.enabled()) {
                continue;
            }
            List<String> broken = p.state() == io.kiln.runtime.api.BundleState.ACTIVE ? components.broken(p.name()) : List.of();
            if (p.state() != io.kiln.runtime.api.BundleState.ACTIVE || !broken.isEmpty()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", p.name());
                m.put("state", p.state());
                m.put("components", broken);
                m.put("lastError", p.lastError());
                failing.add(m);
            }
        }
        RuntimeStatus status = plugins.status();
        boolean healthy = failing.isEmpty() && status.stuck().isEmpty();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", healthy ? "UP" : "DOWN");
        body.put("plugins", all.size());
        if (!healthy) {
            body.put("error", "unhealthy");
            body.put("detail", failing.size() + " enabled plugin(s) not active or with broken components, " + status.stuck().size() + " stuck");
            body.put("failing", failing);
            body.put("stuck", status.stuck());
        }
        Exchange.json(response, healthy ? 200 : 503, body);
    }
}
