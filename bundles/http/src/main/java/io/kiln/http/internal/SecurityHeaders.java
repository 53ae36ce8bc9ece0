package io.kiln.http.internal;

import jakarta.servlet.http.HttpServletResponse;

/** Headers every answer carries: no sniffing, no framing, nothing loaded from elsewhere. */
final class SecurityHeaders {

    private SecurityHeaders() {
    }

    static void apply(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
    }
}
