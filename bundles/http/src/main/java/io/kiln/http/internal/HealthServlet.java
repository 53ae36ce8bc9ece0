package io.kiln.http.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletResponse;

import io.kiln.runtime.api.BundleState;
import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.PluginInfo;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.RuntimeStatus;
import io.kiln.runtime.api.SkillService;

/**
 * {@code GET /health}, without a token (for load balancers and service managers).
 * <ul>
 * <li>{@code DOWN}, 503: an enabled plugin is not ACTIVE or is degraded ({@link PluginInfo#problems()}), a lifecycle call is stuck, or a
 * Felix health check (a plugin's own, or one Kiln runs for a {@code PluginHealthCheck}) did not answer in time or
 * reported worse than {@code WARN};</li>
 * <li>{@code DEGRADED}, 200: none of that, but a {@code .cfg} section or a skill file was refused (the previous one
 * still applies), or a check reported {@code WARN};</li>
 * <li>{@code UP}, 200: all is well.</li>
 * </ul>
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/health")
public final class HealthServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;

    private final transient PluginService plugins;
    private final transient FelixChecks checks;
    private final transient Rejections rejections;
    private final transient Routes routes;

    /** {@code settings}: served only while the admin API is (its settings allow it on this address). */
    @Activate
    public HealthServlet(@Reference PluginService plugins, @Reference HealthCheckExecutor executor,
            @Reference ConfigService config, @Reference SkillService skills, @Reference ApiSettings settings) {
        this.plugins = plugins;
        this.checks = new FelixChecks(executor);
        this.rejections = new Rejections(config, skills);
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
            // the engine says what keeps a plugin from working: not resolved, not started, stuck, a component
            // that failed or waits for a service
            if (p.degraded() || (p.enabled() && p.state() != BundleState.ACTIVE)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", p.name());
                m.put("state", p.state().name());
                m.put("problems", p.problems());
                m.put("lastError", p.lastError());
                failing.add(m);
            }
        }
        RuntimeStatus status = plugins.status();
        List<HealthCheckExecutionResult> results = checks.results();
        long checksDown = results.stream().filter(FelixChecks::isDown).count();
        List<Map<String, Object>> rejected = rejections.all();
        boolean healthy = failing.isEmpty() && status.stuck().isEmpty() && checksDown == 0;
        boolean degraded = !rejected.isEmpty() || results.stream().anyMatch(FelixChecks::isWarning);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", !healthy ? "DOWN" : degraded ? "DEGRADED" : "UP");
        body.put("plugins", all.size());
        if (!healthy) {
            body.put("error", "unhealthy");
            body.put("detail", failing.size() + " enabled plugin(s) not active or with broken components, " + status.stuck().size()
                    + " stuck, " + checksDown + " health check(s) failing");
            body.put("failing", failing);
            body.put("stuck", status.stuck());
        }
        body.put("checks", results.stream().map(FelixChecks::json).toList());
        body.put("rejected", rejected);
        Exchange.json(response, healthy ? 200 : 503, body);
    }
}
