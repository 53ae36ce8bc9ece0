package io.kiln.http.internal;

import java.io.IOException;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;

import io.kiln.runtime.api.SkillInfo;
import io.kiln.runtime.api.SkillService;

/** {@code GET /api/v1/skills}; {@code POST /api/v1/skills/reload} (all, or {@code ?name=} one). */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ "/api/v1/skills", "/api/v1/skills/*" })
public final class SkillsServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;

    private final transient SkillService skills;

    private final transient Routes routes;

    @Activate
    public SkillsServlet(@Reference SkillService skills, @Reference ApiSettings settings) {
        this.skills = skills;
        this.routes = new Routes("/api/v1/skills")
                .get("", c -> Exchange.json(c.response(), 200, skills.skills().stream().map(SectionJson::skill).toList()))
                .post("reload", this::reload);
    }

    @Override
    protected Routes routes() {
        return routes;
    }

    private void reload(Routes.Call c) throws IOException {
        String name = Exchange.query(c.request(), "name");
        io.kiln.runtime.api.Trigger trigger = Exchange.trigger(c.request());
        List<SkillInfo> after = name == null ? skills.reloadAll(trigger) : List.of(skills.reload(PluginNames.check(name), trigger));
        List<Object> body = after.stream().map(s -> (Object) SectionJson.skill(s)).toList();
        SkillInfo refused = after.stream().filter(s -> s.state() == io.kiln.runtime.api.Outcome.REJECTED).findFirst().orElse(null);
        if (refused != null) {
            throw new ApiException(422, "skill refused", refused.name() + ": " + refused.reason(), body);
        }
        Exchange.json(c.response(), 200, body);
    }
}
