package io.kiln.http.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.SectionResult;

/**
 * {@code /api/v1/config}: the configuration sections; {@code PUT} changes values (validated by the runtime before
 * anything is applied or written), {@code POST .../reload} reads files again. A refused change answers 422.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ "/api/v1/config", "/api/v1/config/*" })
public final class ConfigServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern PID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.~-]{0,199}");

    private final transient ConfigService config;
    private final transient ApiSettings settings;

    private final transient Routes routes;

    @Activate
    public ConfigServlet(@Reference ConfigService config, @Reference ApiSettings settings) {
        this.config = config;
        this.settings = settings;
        this.routes = new Routes("/api/v1/config")
                .get("", c -> Exchange.json(c.response(), 200, config.sections().stream().map(SectionJson::section).toList()))
                .post("reload", c -> results(c.response(), config.reloadAll(Exchange.trigger(c.request()))))
                .get("{pid}", c -> Exchange.json(c.response(), 200, SectionJson.section(config.section(pid(c.path("pid")))
                        .orElseThrow(() -> ApiException.notFound("no section '" + c.path("pid") + "'")))))
                .put("{pid}", c -> put(pid(c.path("pid")), c.request(), c.response()))
                .post("{pid}/reload", c -> results(c.response(), List.of(config.reload(pid(c.path("pid")), Exchange.trigger(c.request())))));
    }

    @Override
    protected Routes routes() {
        return routes;
    }

    private static String pid(String pid) {
        if (!PID.matcher(pid).matches() || pid.contains("..")) {
            throw ApiException.badRequest("not a section PID: '" + pid + "'");
        }
        return pid;
    }

    /** {@code {"key": K, "value": V}} or {@code {"values": {K: V, ...}}}, applied as one change or refused whole. */
    private void put(String pid, HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonObject body = Json.readObject(Exchange.text(request, settings.maxJsonBytes()));
        Map<String, String> values = new LinkedHashMap<>();
        String key = Json.string(body, "key");
        if (key != null) {
            if (!body.has("value")) {
                throw ApiException.badRequest("'key' needs a 'value'");
            }
            values.put(key, scalar("value", body.get("value")));
        } else if (body.has("values") && body.get("values").isJsonObject()) {
            body.getAsJsonObject("values").entrySet().forEach(e -> values.put(e.getKey(), scalar(e.getKey(), e.getValue())));
        }
        if (values.isEmpty()) {
            throw ApiException.badRequest("send {\"key\": ..., \"value\": ...} or {\"values\": {...}}");
        }
        if (config.section(pid).isEmpty()) {
            throw ApiException.notFound("no section '" + pid + "'");
        }
        // all the values are one change: validated together and written in one go, or none of them
        results(response, List.of(config.set(pid, values, Exchange.trigger(request))));
    }

    private static String scalar(String name, JsonElement value) {
        if (value == null || !value.isJsonPrimitive()) {
            throw ApiException.badRequest("the value of '" + name + "' must be a string, number or boolean, as it would be written in the file");
        }
        return value.getAsString();
    }

    private static void results(HttpServletResponse response, List<SectionResult> results) throws IOException {
        List<Map<String, Object>> body = results.stream().map(SectionJson::result).toList();
        SectionResult failed = results.stream().filter(r -> !r.succeeded()).findFirst().orElse(null);
        if (failed != null) {
            throw new ApiException(422, "invalid configuration", failed.error(), body);
        }
        Exchange.json(response, 200, body);
    }
}
