package io.kiln.http.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.JsonObject;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The remote shell: {@code POST /api/v1/shell} runs one Gogo command of the running Kiln and answers with what it
 * printed, its result and its error ({@code kiln exec}); {@code POST /api/v1/shell/sessions} opens a session that
 * keeps its variables between commands and {@code DELETE /api/v1/shell/sessions/{id}} ends it ({@code kiln shell}).
 * Behind the API's token and loopback rule like every endpoint; off with {@code remoteShell = false}. A command that
 * fails is answered 200 with its error: the request worked, the command did not.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ "/api/v1/shell", "/api/v1/shell/*" })
public final class ShellServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;

    private final transient ApiSettings settings;
    private final transient ShellSessions sessions;
    private final transient Routes routes;

    @Activate
    public ShellServlet(@Reference CommandProcessor processor, @Reference ApiSettings settings) {
        this.settings = settings;
        this.sessions = new ShellSessions(processor);
        this.routes = new Routes("/api/v1/shell")
                .post("", c -> run(c.request(), c.response()))
                .post("sessions", c -> {
                    requireOn();
                    Exchange.json(c.response(), 201, Map.of("session", sessions.open()));
                })
                .delete("sessions/{id}", c -> {
                    requireOn();
                    sessions.close(c.path("id"));
                    Exchange.json(c.response(), 200, Map.of("session", c.path("id"), "closed", true));
                });
    }

    @Deactivate
    void deactivate() {
        sessions.closeAll();
    }

    @Override
    protected Routes routes() {
        return routes;
    }

    private void run(HttpServletRequest request, HttpServletResponse response) throws IOException {
        requireOn();
        JsonObject body = Json.readObject(Exchange.text(request, settings.maxJsonBytes()));
        String command = Json.string(body, "command");
        if (command == null || command.isBlank()) {
            throw ApiException.badRequest("'command' must be a Gogo command line, for example \"sample:greet Ada\"");
        }
        Optional<String> session = Optional.ofNullable(Json.string(body, "session")).filter(s -> !s.isBlank());
        ShellSessions.Execution done = sessions.run(session, command);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("command", command);
        answer.put("session", done.session());
        answer.put("output", done.output());
        answer.put("error", done.error());
        answer.put("exitStatus", done.succeeded() ? 0 : 1);
        Exchange.json(response, 200, answer);
    }

    private void requireOn() {
        if (!settings.remoteShell()) {
            throw new ApiException(404, "remote shell is off", "remoteShell = false in section io.kiln.http"
                    + " (conf/io.kiln.http.cfg)");
        }
    }
}
