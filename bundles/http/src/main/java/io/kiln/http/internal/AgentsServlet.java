package io.kiln.http.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.kiln.runtime.api.AgentService;
import io.kiln.runtime.api.SectionResult;

/**
 * {@code GET /api/v1/agents}; {@code POST /api/v1/agents/{id}/reload} with an optional
 * {@code {"prompt": ..., "capabilities": [...]}} body.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ "/api/v1/agents", "/api/v1/agents/*" })
public final class AgentsServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;

    private final transient AgentService agents;
    private final transient ApiSettings settings;

    private final transient Routes routes;

    @Activate
    public AgentsServlet(@Reference AgentService agents, @Reference ApiSettings settings) {
        this.agents = agents;
        this.settings = settings;
        this.routes = new Routes("/api/v1/agents")
                .get("", c -> Exchange.json(c.response(), 200, agents.agents().stream().map(SectionJson::agent).toList()))
                .post("{id}/reload", c -> reload(PluginNames.check(c.path("id")), c.request(), c.response()));
    }

    @Override
    protected Routes routes() {
        return routes;
    }

    private void reload(String id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String text = Exchange.text(request, settings.maxJsonBytes());
        String prompt = null;
        List<String> capabilities = null;
        if (!text.isBlank()) {
            JsonObject body = Json.readObject(text);
            prompt = Json.string(body, "prompt");
            JsonElement caps = body.get("capabilities");
            if (caps != null && !caps.isJsonNull()) {
                if (!caps.isJsonArray()) {
                    throw ApiException.badRequest("'capabilities' must be an array of strings");
                }
                capabilities = new ArrayList<>();
                for (JsonElement c : caps.getAsJsonArray()) {
                    if (!c.isJsonPrimitive() || !c.getAsJsonPrimitive().isString()) {
                        throw ApiException.badRequest("'capabilities' must be an array of strings");
                    }
                    capabilities.add(c.getAsString());
                }
            }
        }
        SectionResult result = agents.reload(id, prompt, capabilities, Exchange.trigger(request));
        if (!result.succeeded()) {
            throw new ApiException(422, "invalid configuration", result.error(), SectionJson.result(result));
        }
        Exchange.json(response, 200, SectionJson.result(result));
    }
}
