package io.kiln.http.internal;

import java.util.Set;

/**
 * Which token opens which request: the API token every guarded one; the metrics token only a read of
 * {@value #METRICS}, so that a scraper holding it can read the figures and change nothing.
 */
final class Tokens {

    /** The path the metrics are served at (by the bundle kiln-metrics), guarded by this bundle's filter. */
    static final String METRICS = "/metrics";

    private static final Set<String> READS = Set.of("GET", "HEAD");

    private final ApiToken api;
    private final ApiToken metrics;

    Tokens(ApiToken api, ApiToken metrics) {
        this.api = api;
        this.metrics = metrics;
    }

    /**
     * @param method the request's method
     * @param path   its path within the servlet context (servlet path and path info, decoded)
     * @param token  the bearer token it carries, or {@code null}
     */
    boolean admit(String method, String path, String token) {
        if (token == null) {
            return false;
        }
        return api.matches(token) || METRICS.equals(path) && READS.contains(method) && metrics.matches(token);
    }

    /** @return whether the token is the metrics token: known, but it opens nothing but a read of the metrics */
    boolean isMetricsToken(String token) {
        return token != null && metrics.matches(token) && !api.matches(token);
    }
}
