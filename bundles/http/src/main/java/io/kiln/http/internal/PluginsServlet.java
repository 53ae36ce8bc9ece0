package io.kiln.http.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;

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

    private final transient Routes routes;

    @Activate
    public PluginsServlet(@Reference PluginService plugins, @Reference ApiSettings settings) {
        this.plugins = plugins;
        this.settings = settings;
        this.installer = new Installer(plugins, settings);
        this.routes = new Routes("/api/v1/plugins")
                .get("", c -> Exchange.json(c.response(), 200, plugins.list().stream().map(Json::plugin).toList()))
                .get("{name}", c -> Exchange.json(c.response(), 200, Json.plugin(plugins.plugin(PluginNames.check(c.path("name")))
                        .orElseThrow(() -> ApiException.notFound("no plugin named '" + c.path("name") + "'")))))
                .post("", c -> answer(c.response(), install(c.request(), Exchange.trigger(c.request()))))
                .delete("{name}", c -> answer(c.response(), installer.remove(PluginNames.check(c.path("name")), Exchange.trigger(c.request()))))
                .post("reload-all", c -> summary(c.response(), plugins.reloadAll(Exchange.trigger(c.request()))))
                .post("{name}/reload", c -> summary(c.response(), plugins.reload(PluginNames.check(c.path("name")),
                        Exchange.flag(c.request(), "dependents", true), Exchange.flag(c.request(), "dependencies", false),
                        Exchange.trigger(c.request()))))
                .post("{name}/enable", c -> change(c.response(), plugins.enable(PluginNames.check(c.path("name")), Exchange.trigger(c.request()))))
                .post("{name}/disable", c -> change(c.response(), plugins.disable(PluginNames.check(c.path("name")), Exchange.trigger(c.request()))))
                .post("{name}/rollback", c -> change(c.response(),
                        plugins.rollback(PluginNames.check(c.path("name")), rollbackVersion(c.request()), Exchange.trigger(c.request()))));
    }

    @Override
    protected Routes routes() {
        return routes;
    }

    private String rollbackVersion(HttpServletRequest request) throws IOException {
        String version = Exchange.query(request, "version");
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
            return installer.install(staged -> downloader.download(url, staged), Json.string(body, "sha256"), trigger, downloadName(url));
        }
        return installer.install(staged -> {
            try (OutputStream out = Files.newOutputStream(staged)) {
                Exchange.copy(request, out, settings.maxJarBytes());
            }
        }, Exchange.query(request, "sha256"), trigger, uploadName(request));
    }

    /** The upload's own file name, as the client and the page send it (URL-encoded); {@code null} when not sent. */
    private static String uploadName(HttpServletRequest request) {
        String name = request.getHeader("X-Kiln-File-Name");
        try {
            return name == null ? null : java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null; // not URL-encoded: upload.jar
        }
    }

    /** A download's file name: the last part of its path. */
    private static String downloadName(String url) {
        try {
            String path = java.net.URI.create(url).getPath();
            return path == null || path.isEmpty() ? null : path.substring(path.lastIndexOf('/') + 1);
        } catch (IllegalArgumentException notAUri) {
            return null; // the download refuses it, naming why
        }
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
