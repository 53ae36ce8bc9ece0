package io.kiln.http.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The requests one servlet answers, by method and path: the one way every servlet of the API routes. A path is a
 * template of segments below the servlet's base, each a literal ({@code reload-all}) or a parameter
 * ({@code {name}}); of the templates a path matches, the one with the most literal segments wins, so
 * {@code reload-all} is not taken for a plugin's name. A path no template matches is 404; a method the winning
 * template does not take is 405, with the methods it does take.
 */
final class Routes {

    /** Answers one request. */
    @FunctionalInterface
    interface Handler {
        void handle(Call call) throws IOException;
    }

    /** One request, with the path parameters its template named. */
    record Call(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters) {

        /** @return the path segment the template named {@code {name}} */
        String path(String name) {
            return parameters.get(name);
        }
    }

    private record Route(String method, List<String> template, Handler handler) {

        boolean matches(List<String> segments) {
            if (segments.size() != template.size()) {
                return false;
            }
            for (int i = 0; i < segments.size(); i++) {
                if (!isParameter(template.get(i)) && !template.get(i).equals(segments.get(i))) {
                    return false;
                }
            }
            return true;
        }

        long literals() {
            return template.stream().filter(s -> !isParameter(s)).count();
        }

        private static boolean isParameter(String segment) {
            return segment.startsWith("{") && segment.endsWith("}");
        }
    }

    private final String base;
    private final List<Route> routes = new ArrayList<>();

    /** @param base the path the servlet is registered at ({@code /api/v1/plugins}; {@code ""} for the web page) */
    Routes(String base) {
        this.base = base;
    }

    Routes get(String template, Handler handler) {
        return add("GET", template, handler);
    }

    Routes post(String template, Handler handler) {
        return add("POST", template, handler);
    }

    Routes put(String template, Handler handler) {
        return add("PUT", template, handler);
    }

    Routes delete(String template, Handler handler) {
        return add("DELETE", template, handler);
    }

    private Routes add(String method, String template, Handler handler) {
        routes.add(new Route(method, segments(template), handler));
        return this;
    }

    /** Answers the request with the route it matches, or with 404 or 405. */
    void dispatch(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String full = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String path = full.startsWith(base) ? full.substring(base.length()) : full;
        List<String> segments = segments(path);
        List<Route> matching = routes.stream().filter(r -> r.matches(segments)).toList();
        long best = matching.stream().mapToLong(Route::literals).max().orElse(-1);
        List<Route> winners = matching.stream().filter(r -> r.literals() == best).toList();
        if (winners.isEmpty()) {
            throw ApiException.notFound("no such resource: " + base + path);
        }
        String method = "HEAD".equals(request.getMethod()) ? "GET" : request.getMethod();
        for (Route route : winners) {
            if (route.method().equals(method)) {
                Map<String, String> parameters = new LinkedHashMap<>();
                for (int i = 0; i < segments.size(); i++) {
                    if (Route.isParameter(route.template().get(i))) {
                        String t = route.template().get(i);
                        parameters.put(t.substring(1, t.length() - 1), segments.get(i));
                    }
                }
                route.handler().handle(new Call(request, response, parameters));
                return;
            }
        }
        Set<String> allowed = new LinkedHashSet<>();
        winners.forEach(r -> allowed.add(r.method()));
        response.setHeader("Allow", String.join(", ", allowed));
        throw new ApiException(405, "method not allowed", request.getMethod() + " is not supported on " + base + path
                + " (" + String.join(", ", allowed) + " is)");
    }

    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }
}
