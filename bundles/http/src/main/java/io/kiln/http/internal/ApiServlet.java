package io.kiln.http.internal;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.kiln.runtime.api.UnknownPluginException;
import io.kiln.runtime.api.UnknownSectionException;
import io.kiln.runtime.api.UnknownSkillException;

/**
 * A JSON servlet of the API: answers each request through its {@link Routes}, and is the one place where what goes
 * wrong becomes an error body: an {@link ApiException} as it says, an unknown plugin, section or skill as 404.
 */
abstract class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityHeaders.apply(response);
        try {
            routes().dispatch(request, response);
        } catch (ApiException e) {
            Exchange.error(response, e);
        } catch (UnknownPluginException | UnknownSectionException | UnknownSkillException e) {
            Exchange.error(response, ApiException.notFound(e.getMessage()));
        } catch (RuntimeException e) {
            // a bug of Kiln's, not the request's: said in JSON like any error, one line in the log, the trace at debug
            LOG.error("{} {} failed: {}", request.getMethod(), request.getRequestURI(), e.toString());
            LOG.debug("{} {} failed", request.getMethod(), request.getRequestURI(), e);
            if (!response.isCommitted()) {
                Exchange.error(response, new ApiException(500, "internal error", e.toString()));
            }
        }
    }

    /** @return the requests this servlet answers; throw {@link ApiException} from a handler to answer with an error */
    protected abstract Routes routes();
}
