package io.kiln.http.internal;

import java.io.IOException;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.kiln.runtime.api.SkillInfo;
import io.kiln.runtime.api.SkillService;

/** {@code GET /api/v1/skills}; {@code POST /api/v1/skills/reload} (all, or {@code ?name=} one). */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ "/api/v1/skills", "/api/v1/skills/*" })
public final class SkillsServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;

    private final transient SkillService skills;

    @Activate
    public SkillsServlet(@Reference SkillService skills, @Reference ApiSettings settings) {
        this.skills = skills;
    }

    @Override
    protected void handle(String method, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.isEmpty() || "/".equals(path)) {
            if (!"GET".equals(method)) {
                throw methodNotAllowed(method, "/api/v1/skills");
            }
            Exchange.json(response, 200, skills.skills().stream().map(SectionJson::skill).toList());
        } else if ("/reload".equals(path)) {
            if (!"POST".equals(method)) {
                throw methodNotAllowed(method, "/api/v1/skills/reload");
            }
            String name = request.getParameter("name");
            List<SkillInfo> after;
            try {
                after = name == null ? skills.reloadAll(Exchange.trigger(request).label()) : List.of(skills.reload(PluginNames.check(name), Exchange.trigger(request).label()));
            } catch (IllegalArgumentException e) {
                throw ApiException.notFound(e.getMessage());
            }
            List<Object> body = after.stream().map(s -> (Object) SectionJson.skill(s)).toList();
            SkillInfo refused = after.stream().filter(s -> s.state() == io.kiln.runtime.api.Outcome.REJECTED).findFirst().orElse(null);
            if (refused != null) {
                throw new ApiException(422, "skill refused", refused.name() + ": " + refused.reason(), body);
            }
            Exchange.json(response, 200, body);
        } else {
            throw ApiException.notFound("no such resource: /api/v1/skills" + path);
        }
    }
}
