package io.kiln.http.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.JsonObject;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.ReloadSummary;
import io.kiln.runtime.api.Trigger;

/**
 * {@code /api/v1/plugins}: list, show, install, remove, reload, reload-all, enable, disable, rollback. Every change
 * is the runtime's transaction; a change that did not succeed answers 422 with its outcome.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ "/api/v1/plugins", "/api/v1/plugins/*" })
public final class PluginsServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;

    private final transient PluginService plugins;
    private final transient ApiSettings settings;
    private final transient Installer installer;

    @Activate
    public PluginsServlet(@Reference PluginService plugins, @Reference ApiSettings settings) {
        this.plugins = plugins;
        this.settings = settings;
        this.installer = new Installer(plugins, settings);
    }

    @Override
    protected void handle(String method, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        List<String> parts = path.isEmpty() || "/".equals(path) ? List.of() : List.of(path.substring(1).split("/", -1));
        if (parts.size() > 2) {
            throw ApiException.notFound("no such resource: /api/v1/plugins" + path);
        }
        Trigger trigger = Exchange.trigger(request);
        String route = method + " " + (parts.isEmpty() ? "" : parts.size() == 1 ? (parts.get(0).equals("reload-all") ? "reload-all" : "{name}") : "{name}/" + parts.get(1));
        switch (route) {
            case "GET " -> Exchange.json(response, 200, plugins.list().stream().map(Json::plugin).toList());
            case "GET {name}" -> Exchange.json(response, 200, Json.plugin(plugins.plugin(PluginNames.check(parts.get(0)))
                    .orElseThrow(() -> ApiException.notFound("no plugin named '" + parts.get(0) + "'"))));
            case "POST " -> answer(response, install(request, trigger));
            case "DELETE {name}" -> answer(response, installer.remove(PluginNames.check(parts.get(0)), trigger));
            case "POST reload-all" -> summary(response, plugins.reloadAll(trigger));
            case "POST {name}/reload" -> {
                String name = known(parts.get(0));
                summary(response, plugins.reload(name, Exchange.flag(request, "dependents", true), Exchange.flag(request, "dependencies", false), trigger));
            }
            case "POST {name}/enable" -> change(response, plugins.enable(known(parts.get(0)), trigger));
            case "POST {name}/disable" -> change(response, plugins.disable(known(parts.get(0)), trigger));
            case "POST {name}/rollback" -> change(response, plugins.rollback(known(parts.get(0)), rollbackVersion(request), trigger));
            default -> {
                if (parts.size() == 2 && !List.of("reload", "enable", "disable", "rollback").contains(parts.get(1))) {
                    throw ApiException.notFound("no such action: " + parts.get(1) + " (reload, enable, disable, rollback)");
                }
                throw methodNotAllowed(method, "/api/v1/plugins" + path);
            }
        }
    }

    private String known(String name) {
        PluginNames.check(name);
        if (plugins.plugin(name).isEmpty()) {
            throw ApiException.notFound("no plugin named '" + name + "'");
        }
        return name;
    }

    private String rollbackVersion(HttpServletRequest request) throws IOException {
        String version = request.getParameter("version");
        if (version == null && isJson(request)) {
            String body = Exchange.text(request, settings.maxJsonBytes());
            version = body.isBlank() ? null : Json.string(Json.readObject(body), "version");
        }
        return version == null || version.isBlank() ? null : version;
    }

    private Installer.Answer install(HttpServletRequest request, Trigger trigger) throws IOException {
        if (isJson(request)) {
            JsonObject body = Json.readObject(Exchange.text(request, settings.maxJsonBytes()));
            String url = Json.string(body, "url");
            if (url == null || url.isBlank()) {
                throw ApiException.badRequest("send the jar as the body, or {\"url\": ..., \"sha256\": ...} as JSON");
            }
            Downloader downloader = new Downloader(settings.urlPolicy(), settings.maxJarBytes(), settings.downloadTimeout());
            return installer.install(staged -> downloader.download(url, staged), Json.string(body, "sha256"), trigger);
        }
        return installer.install(staged -> {
            try (OutputStream out = Files.newOutputStream(staged)) {
                Exchange.copy(request, out, settings.maxJarBytes());
            }
        }, request.getParameter("sha256"), trigger);
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    private static void answer(HttpServletResponse response, Installer.Answer answer) throws IOException {
        Exchange.json(response, answer.status(), answer.body());
    }

    private static void change(HttpServletResponse response, ChangeResult result) throws IOException {
        if (!result.succeeded()) {
            throw new ApiException(422, "change failed", result.error(), Json.result(result));
        }
        Exchange.json(response, 200, Json.result(result));
    }

    private static void summary(HttpServletResponse response, ReloadSummary summary) throws IOException {
        if (summary.failed() > 0) {
            String first = summary.results().stream().filter(r -> !r.succeeded()).map(r -> r.plugin() + ": " + r.error()).findFirst().orElse("");
            throw new ApiException(422, "change failed", summary.failed() + " of " + summary.results().size() + " failed; " + first, Json.summary(summary));
        }
        Exchange.json(response, 200, Json.summary(summary));
    }
}
