package io.kiln.fleet.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /fleet/blobs/<sha256>}: the jars this node holds, for the other nodes of its fleet. Not under {@code /api/}:
 * it opens with the fleet's secret (kept in ZooKeeper, the same on every node), not this node's API token, and only
 * ever serves a jar whose hash the caller already knows.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(BlobServlet.PATH + "*")
public final class BlobServlet extends HttpServlet {

    /** Where the jars are served: {@code GET /fleet/blobs/<sha256>}. */
    static final String PATH = "/fleet/blobs/";

    private static final long serialVersionUID = 1L;

    private final transient FleetNode node;

    @Activate
    public BlobServlet(@Reference FleetNode node) {
        this.node = node;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            FleetExchange.error(response, 405, "method not allowed", "only GET");
            return;
        }
        String header = request.getHeader("Authorization");
        String secret;
        try {
            FleetMember member = node.member();
            // read once and kept; while it was never read and ZooKeeper is away, refuse at once rather than hold a thread
            secret = member.knownSecret().orElse(null);
            if (secret == null) {
                member.requireConnected();
                secret = member.secret();
            }
        } catch (Exception e) {
            FleetExchange.error(response, 503, "fleet unavailable", "this node cannot check the fleet's secret now");
            return;
        }
        if (header == null || !header.startsWith("Bearer ") || !MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.US_ASCII),
                secret.getBytes(StandardCharsets.US_ASCII))) {
            response.setHeader("WWW-Authenticate", "Bearer");
            FleetExchange.error(response, 401, "unauthorized", "the fleet's jars open with the fleet's secret");
            return;
        }
        String sha = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        Optional<Path> jar = node.blobs().find(sha);
        if (jar.isEmpty()) {
            FleetExchange.error(response, 404, "not found", "this node holds no jar with SHA-256 '" + sha + "'");
            return;
        }
        byte[] bytes = Files.readAllBytes(jar.get());
        response.setStatus(200);
        response.setContentType("application/java-archive");
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }
}
