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

    private final transient io.kiln.runtime.api.ConfigService sections;

    @Activate
    public FleetServlet(@Reference(target = "(osgi.http.whiteboard.filter.name=kiln-token)") Filter guard,
            @Reference io.kiln.runtime.api.ConfigService sections) {
        // the guard is taken, not called: the whiteboard puts it before this servlet
        this.sections = sections;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        FleetNode fleet = node;
        if (fleet == null) {
            java.util.Optional<io.kiln.runtime.api.SectionInfo> section = sections.section("io.kiln.fleet");
            if (section.isPresent() && section.get().state() != null && !section.get().state().succeeded()) {
                FleetExchange.error(response, 409, "refused", FleetSettings.FILE + " was refused (" + section.get().reason()
                        + "); this node stays out of the fleet until it is fixed");
            } else {
                FleetExchange.error(response, 404, "not in a fleet", "this Kiln runs alone: conf/io.kiln.fleet.cfg (connect, fleet, node) "
                        + "joins it to one (docs/fleet.md)");
            }
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
                case "POST /forget" -> FleetExchange.json(response, 200, java.util.Map.of("forgotten",
                        connected(fleet).operations().forget(required(request, "node"))));
                default -> FleetExchange.error(response, path.matches("/(|history|publish|pause|resume|abort|rollback|forget)") ? 405 : 404,
                        "no such request", method + " /api/v1/fleet" + path + " is not one: GET /api/v1/fleet, GET /api/v1/fleet/history, "
                                + "POST /api/v1/fleet/{publish,pause,resume,abort,rollback}, POST /api/v1/fleet/forget?node=NAME");
            }
        } catch (FleetRefusal e) {
            FleetExchange.error(response, 409, "refused", e.getMessage());
        } catch (IllegalArgumentException e) {
            FleetExchange.error(response, 400, "bad request", e.getMessage());
        } catch (org.apache.zookeeper.KeeperException e) {
            LOG.warn("{} /api/v1/fleet{} failed: {}", method, path, e.toString());
            FleetExchange.error(response, 503, "fleet unavailable", "ZooKeeper did not answer: " + e.getMessage());
        } catch (Exception e) {
            // a damaged record in ZooKeeper, a jar that cannot be read at publish: the cause, not ZooKeeper's name
            LOG.error("{} /api/v1/fleet{} failed: {}", method, path, e.toString());
            FleetExchange.error(response, 500, "internal error", e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Curator would retry for seconds before failing a change while ZooKeeper is away: refuse at once. */
    private static FleetMember connected(FleetNode fleet) throws FleetRefusal {
        FleetMember member = fleet.member();
        member.requireConnected();
        return member;
    }

    private static String required(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the query parameter '" + name + "' is missing");
        }
        return value.trim();
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
