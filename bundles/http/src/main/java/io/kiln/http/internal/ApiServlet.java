package io.kiln.http.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.kiln.runtime.api.UnknownPluginException;

/** A JSON servlet: turns {@link ApiException}s and unknown plugins into error bodies, and answers unknown methods 405. */
abstract class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityHeaders.apply(response);
        try {
            handle(request.getMethod(), request, response);
        } catch (ApiException e) {
            Exchange.error(response, e);
        } catch (UnknownPluginException e) {
            Exchange.error(response, ApiException.notFound(e.getMessage()));
        }
    }

    /** Handles one request; throw {@link ApiException} to answer with an error. */
    protected abstract void handle(String method, HttpServletRequest request, HttpServletResponse response) throws IOException;

    static ApiException methodNotAllowed(String method, String path) {
        return new ApiException(405, "method not allowed", method + " is not supported on " + path);
    }
}
