package io.kiln.http.internal;

import java.io.IOException;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Guards every {@code /api/} request and {@code /metrics}: a bearer token, and for a changing request an {@code Origin}
 * (when the browser sends one) that is the page's own or one configured, so another site's page cannot drive the API.
 * <p>
 * {@code /metrics} is served by another bundle, kiln-metrics, on the same (default) servlet context, so this filter
 * guards it too; its servlet is registered only while this filter is, by {@link #NAME}.
 */
@Component(service = Filter.class)
@HttpWhiteboardFilterName(AuthFilter.NAME)
@HttpWhiteboardFilterPattern({ "/api/*", Tokens.METRICS })
@HttpWhiteboardFilterAsyncSupported
public final class AuthFilter implements Filter {

    /** The filter's whiteboard name, which kiln-metrics' servlet waits for. */
    static final String NAME = "kiln-token";

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiSettings settings;

    @Activate
    public AuthFilter(@Reference ApiSettings settings) {
        this.settings = settings;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        SecurityHeaders.apply(response);
        if (!settings.allowsRemote() && !loopbackHost(request.getServerName())) {
            // a page from a name that resolves to this machine (DNS rebinding) is not this API's own
            Exchange.error(response, new ApiException(403, "forbidden host", "the API answers to 127.0.0.1, localhost and [::1] only, not '"
                    + request.getServerName() + "'"));
            return;
        }
        String authorization = request.getHeader("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : null;
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!settings.tokens().admit(request.getMethod(), path, token) && settings.tokens().isMetricsToken(token)) {
            Exchange.error(response, new ApiException(403, "forbidden", "the metrics token opens GET " + Tokens.METRICS
                    + " only; the rest of the API takes the token in data/api-token"));
            return;
        }
        if (!settings.tokens().admit(request.getMethod(), path, token)) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"kiln\"");
            Exchange.error(response, new ApiException(401, "unauthorized", token != null ? "the token is not valid"
                    : Tokens.METRICS.equals(path) ? "send 'Authorization: Bearer <token>'; the token is in the file data/metrics-token (or data/api-token) of the Kiln folder"
                    : "send 'Authorization: Bearer <token>'; the token is in the file data/api-token of the Kiln folder"));
            return;
        }
        if (!SAFE.contains(request.getMethod()) && !originAllowed(request)) {
            Exchange.error(response, new ApiException(403, "forbidden origin",
                    "a changing request from the page at " + request.getHeader("Origin") + " is not allowed"));
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean loopbackHost(String host) {
        String h = host == null ? "" : host.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.equals("::1") || h.equals("[::1]") || h.startsWith("127.") && h.matches("127(\\.\\d{1,3}){3}");
    }

    private boolean originAllowed(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            // not from a browser page (curl, the kiln client): the token alone decides
            return !"cross-site".equals(request.getHeader("Sec-Fetch-Site"));
        }
        String own = request.getScheme() + "://" + request.getHeader("Host");
        return origin.equalsIgnoreCase(own) || settings.allowedOrigins().contains(origin);
    }
}
