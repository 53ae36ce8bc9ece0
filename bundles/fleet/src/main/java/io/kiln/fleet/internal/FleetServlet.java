package io.kiln.fleet.internal;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/fleet}: the fleet as this node sees it ({@code GET}), its history ({@code GET /history}) and the
 * operator's requests ({@code POST /publish}, {@code /pause}, {@code /resume}, {@code /abort}, {@code /rollback}).
 * Behind the admin API's token filter, taken at creation like the metrics servlet, so it is never served unguarded.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/fleet/*")
public final class FleetServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FleetServlet.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile FleetNode node;

    @Activate
    public FleetServlet(@Reference(target = "(osgi.http.whiteboard.filter.name=kiln-token)") Filter guard) {
        // the guard is taken, not called: the whiteboard puts it before this servlet
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        FleetNode fleet = node;
        if (fleet == null) {
            FleetExchange.error(response, 404, "not in a fleet", "this Kiln runs alone: conf/io.kiln.fleet.cfg (connect, fleet, node) "
                    + "joins it to one (docs/fleet.md)");
            return;
        }
        String method = request.getMethod();
        try {
            switch (method + " " + path) {
                case "GET /" -> FleetExchange.json(response, 200, fleet.member().view());
                case "GET /history" -> FleetExchange.json(response, 200, fleet.member().operations().history(limit(request)));
                case "POST /publish" -> FleetExchange.json(response, 202, fleet.publish());
                case "POST /pause" -> FleetExchange.json(response, 200, connected(fleet).operations().pause(true));
                case "POST /resume" -> FleetExchange.json(response, 200, connected(fleet).operations().pause(false));
                case "POST /abort" -> FleetExchange.json(response, 202, connected(fleet).operations().abort());
                case "POST /rollback" -> FleetExchange.json(response, 202, connected(fleet).operations().rollback());
                default -> FleetExchange.error(response, path.matches("/(|history|publish|pause|resume|abort|rollback)") ? 405 : 404,
                        "no such request", method + " /api/v1/fleet" + path + " is not one: GET /api/v1/fleet, GET /api/v1/fleet/history, "
                                + "POST /api/v1/fleet/{publish,pause,resume,abort,rollback}");
            }
        } catch (FleetRefusal e) {
            FleetExchange.error(response, 409, "refused", e.getMessage());
        } catch (IllegalArgumentException e) {
            FleetExchange.error(response, 400, "bad request", e.getMessage());
        } catch (Exception e) {
            LOG.warn("{} /api/v1/fleet{} failed: {}", method, path, e.toString());
            FleetExchange.error(response, 503, "fleet unavailable", "ZooKeeper did not answer: " + e);
        }
    }

    /** Curator would retry for seconds before failing a change while ZooKeeper is away: refuse at once. */
    private static FleetMember connected(FleetNode fleet) throws FleetRefusal {
        FleetMember member = fleet.member();
        member.requireConnected();
        return member;
    }

    private static int limit(HttpServletRequest request) {
        String limit = request.getParameter("limit");
        if (limit == null) {
            return 20;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a positive whole number, not '" + limit + "'");
        }
    }
}
