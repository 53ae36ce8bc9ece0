package io.kiln.http.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletResponse;

import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.SkillService;

/**
 * {@code GET /api/v1/status}: the runtime's version, uptime, counts; the files, configuration sections and skills it
 * rejected, with the reasons; which process and folder serve it.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/status")
public final class StatusServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;

    private final transient PluginService plugins;
    private final transient ConfigService config;
    private final transient SkillService skills;
    private final transient BundleContext context;
    private final transient Routes routes;

    @Activate
    public StatusServlet(BundleContext context, @Reference PluginService plugins, @Reference ConfigService config, @Reference SkillService skills,
            @Reference ApiSettings settings) {
        this.context = context;
        this.plugins = plugins;
        this.config = config;
        this.skills = skills;
        this.routes = new Routes("/api/v1/status").get("", c -> status(c.response()));
    }

    @Override
    protected Routes routes() {
        return routes;
    }

    private void status(HttpServletResponse response) throws IOException {
        String version = FrameworkUtil.getBundle(PluginService.class).getVersion().toString();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        Map<String, Object> status = Json.status(plugins.status(), version, uptime);
        status.put("rejectedSections", config.sections().stream().filter(section -> section.state() == Outcome.REJECTED)
                .map(SectionJson::section).toList());
        status.put("rejectedSkills", skills.skills().stream().filter(skill -> skill.state() == Outcome.REJECTED)
                .map(SectionJson::skill).toList());
        status.put("pid", ProcessHandle.current().pid());
        status.put("home", Owner.home(context));
        Exchange.json(response, 200, status);
    }
}
