package io.kiln.http.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;

import io.kiln.runtime.api.PluginGraph;
import io.kiln.runtime.api.PluginInfo;
import io.kiln.runtime.api.PluginService;

/**
 * {@code GET /api/v1/graph}: the plugins' dependency graph ({@link PluginService#dependencyGraph()}), each plugin with
 * what a change to it would restart; {@code GET /api/v1/graph/{name}}: one plugin's part of it, with its links.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ "/api/v1/graph", "/api/v1/graph/*" })
public final class GraphServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;

    private final transient Routes routes;

    /** {@code settings}: served only while the admin API is (its settings allow it on this address). */
    @Activate
    public GraphServlet(@Reference PluginService plugins, @Reference ApiSettings settings) {
        this.routes = new Routes("/api/v1/graph")
                .get("", c -> Exchange.json(c.response(), 200, GraphJson.graph(plugins.dependencyGraph())))
                .get("{name}", c -> Exchange.json(c.response(), 200, one(plugins.dependencyGraph(), PluginNames.check(c.path("name")))));
    }

    private static Map<String, Object> one(PluginGraph graph, String name) {
        PluginInfo plugin = graph.plugins().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("no plugin named '" + name + "'"));
        Map<String, Object> m = new LinkedHashMap<>(GraphJson.plugin(plugin, graph));
        m.put("links", GraphJson.links(graph.links().stream().filter(l -> l.dependent().equals(name) || l.provider().equals(name)).toList()));
        return m;
    }

    @Override
    protected Routes routes() {
        return routes;
    }
}
