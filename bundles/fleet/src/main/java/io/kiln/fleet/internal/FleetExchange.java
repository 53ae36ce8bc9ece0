package io.kiln.fleet.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

/** Answers as the rest of the admin API does: JSON, and an error as {@code {"error": kind, "detail": what and why}}. */
final class FleetExchange {

    private FleetExchange() {
    }

    static void json(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = FleetJson.text(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }

    static void error(HttpServletResponse response, int status, String error, String detail) throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        json(response, status, body);
    }
}
