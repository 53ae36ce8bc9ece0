package io.kiln.http.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.BuildResult;
import io.kiln.runtime.api.BuildService;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.ProjectBuild;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /api/v1/builds}: builds a plugin project on this machine from its sources, inside Kiln, and applies it
 * ({@link BuildService}): what dev mode calls on every save. The answer is the verdict with the build's times and the
 * compiler's errors.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/builds")
public final class BuildsServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;

    private final transient BuildService builds;
    private final transient ApiSettings settings;
    private final transient Routes routes;

    @Activate
    public BuildsServlet(@Reference BuildService builds, @Reference ApiSettings settings) {
        this.builds = builds;
        this.settings = settings;
        this.routes = new Routes("/api/v1/builds").post("", c -> build(c.request(), c.response()));
    }

    @Override
    protected Routes routes() {
        return routes;
    }

    private void build(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonObject body = Json.readObject(Exchange.text(request, settings.maxJsonBytes()));
        String project = Json.string(body, "project");
        if (project == null || project.isBlank()) {
            throw ApiException.badRequest("'project' must name the plugin project's folder");
        }
        ProjectBuild build = new ProjectBuild(absolute(project, "project"), classPath(body), Json.string(body, "symbolicName"),
                Json.string(body, "version"));
        BuildResult result;
        try {
            result = builds.build(build, Exchange.trigger(request));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Outcome outcome = result.change().outcome();
        int status = !result.succeeded() ? 422 : outcome == Outcome.APPLIED && result.change().action() == Action.INSTALL ? 201 : 200;
        Exchange.json(response, status, Json.build(result));
    }

    private static List<Path> classPath(JsonObject body) {
        JsonElement value = body.get("classpath");
        if (value == null || value.isJsonNull()) {
            return List.of();
        }
        if (!value.isJsonArray()) {
            throw ApiException.badRequest("'classpath' must be an array of jar paths");
        }
        List<Path> jars = new ArrayList<>();
        for (JsonElement entry : (JsonArray) value) {
            if (!entry.isJsonPrimitive() || !entry.getAsJsonPrimitive().isString()) {
                throw ApiException.badRequest("'classpath' must be an array of jar paths");
            }
            jars.add(absolute(entry.getAsString(), "classpath"));
        }
        return jars;
    }

    /** Paths are the client's, on this machine: relative ones would mean Kiln's working folder, which is no one's. */
    private static Path absolute(String path, String member) {
        try {
            Path p = Path.of(path);
            if (!p.isAbsolute()) {
                throw ApiException.badRequest("'" + member + "' paths must be absolute: " + path);
            }
            return p.normalize();
        } catch (InvalidPathException e) {
            throw ApiException.badRequest("'" + member + "' holds a path that is not one: " + path);
        }
    }
}
