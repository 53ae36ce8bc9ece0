package io.kiln.http.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import io.kiln.runtime.api.ExportedPackage;
import io.kiln.runtime.api.PluginService;
import jakarta.servlet.Servlet;

/**
 * {@code GET /api/v1/exports[?package=PREFIX]}: the packages the platform exports to plugins, with their versions and
 * the bundle each comes from ({@link PluginService#platformExports()}): what a plugin may import without shipping it.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/exports")
public final class ExportsServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;

    private final transient Routes routes;

    @Activate
    public ExportsServlet(@Reference PluginService plugins, @Reference ApiSettings settings) {
        this.routes = new Routes("/api/v1/exports").get("", c -> {
            String prefix = Exchange.query(c.request(), "package");
            Exchange.json(c.response(), 200, plugins.platformExports().stream()
                    .filter(e -> prefix == null || e.name().startsWith(prefix)).map(ExportsServlet::json).toList());
        });
    }

    private static Map<String, Object> json(ExportedPackage export) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("package", export.name());
        m.put("version", export.version());
        m.put("bundle", export.bundle());
        return m;
    }

    @Override
    protected Routes routes() {
        return routes;
    }
}
