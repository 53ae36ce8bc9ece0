package io.kiln.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.kiln.runtime.api.Trigger;

/** Reading bounded request bodies and writing JSON answers, shared by the API's servlets. */
final class Exchange {

    private Exchange() {
    }

    static void json(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }

    static void error(HttpServletResponse response, ApiException e) throws IOException {
        Map<String, Object> body = Json.error(e.error(), e.getMessage());
        if (e.extra() != null) {
            body.put("result", e.extra());
        }
        json(response, e.status(), body);
    }

    /** Reads the whole body as UTF-8 text, at most {@code limit} bytes. */
    static String text(HttpServletRequest request, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy(request, out, limit);
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Copies the body, at most {@code limit} bytes.
     *
     * @throws ApiException 413 when the body is larger, checked against Content-Length before reading
     */
    static long copy(HttpServletRequest request, OutputStream out, long limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        return copy(request.getInputStream(), out, limit);
    }

    static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[16384];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0;) {
            total += n;
            if (total > limit) {
                throw tooLarge(limit);
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    static ApiException tooLarge(long limit) {
        return new ApiException(413, "payload too large", "the body is larger than the limit of " + limit + " bytes");
    }

    /**
     * A parameter of the query string. Never {@code getParameter}: on a POST that reads the body as a form, and a jar
     * sent without a content type is not one.
     *
     * @return its value, or {@code null} when the query does not have it
     */
    static String query(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static boolean flag(HttpServletRequest request, String name, boolean absent) {
        String value = query(request, name);
        if (value == null || value.isEmpty()) {
            return absent;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("'" + name + "' must be true or false, not '" + value + "'");
        };
    }

    /**
     * Who sent the request: the {@code kiln} client, its dev mode and the web page say so in {@code X-Kiln-Client}
     * ({@code cli}, {@code dev}, {@code page}); anything else is a program of the user's.
     */
    static Trigger trigger(HttpServletRequest request) {
        String client = request.getHeader("X-Kiln-Client");
        if (client == null) {
            return Trigger.HTTP;
        }
        return switch (client) {
            case "cli" -> Trigger.CLIENT;
            case "dev" -> Trigger.DEV;
            case "page" -> Trigger.PAGE;
            default -> Trigger.HTTP;
        };
    }
}
