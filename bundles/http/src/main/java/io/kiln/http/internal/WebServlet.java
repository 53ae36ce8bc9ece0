package io.kiln.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletResponse;

/** The web page at {@code /}: four static files from this bundle, nothing from elsewhere. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
public final class WebServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;

    private static final Map<String, String> FILES = Map.of("", "index.html", "index.html", "index.html",
            "app.js", "app.js", "graph.js", "graph.js", "fleet.js", "fleet.js", "app.css", "app.css");
    private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=utf-8",
            "js", "text/javascript;charset=utf-8", "css", "text/css;charset=utf-8");

    private final transient Routes routes = new Routes("");

    @Activate
    public WebServlet(@Reference ApiSettings settings) {
        // served only when the API is
        FILES.forEach((path, file) -> routes.get(path, c -> serve(file, c.response())));
    }

    @Override
    protected Routes routes() {
        return routes;
    }

    private static void serve(String file, HttpServletResponse response) throws IOException {
        response.setContentType(TYPES.get(file.substring(file.lastIndexOf('.') + 1)));
        response.setHeader("Cache-Control", "no-cache");
        try (InputStream in = WebServlet.class.getResourceAsStream("/web/" + file); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }
}
