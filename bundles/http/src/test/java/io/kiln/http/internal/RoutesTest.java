package io.kiln.http.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

public class RoutesTest {

    private final List<String> answered = new ArrayList<>();
    private final Map<String, String> headers = new HashMap<>();

    private final Routes routes = new Routes("/api/v1/plugins")
            .get("", c -> answered.add("list"))
            .get("{name}", c -> answered.add("show " + c.path("name")))
            .post("reload-all", c -> answered.add("reload-all"))
            .post("{name}/reload", c -> answered.add("reload " + c.path("name")));

    /** A request as the servlet container hands it over: the servlet's path, the rest, the method. */
    private static HttpServletRequest request(String method, String servletPath, String pathInfo) {
        return (HttpServletRequest) Proxy.newProxyInstance(RoutesTest.class.getClassLoader(), new Class<?>[] { HttpServletRequest.class },
                (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getServletPath" -> servletPath;
                    case "getPathInfo" -> pathInfo;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(RoutesTest.class.getClassLoader(), new Class<?>[] { HttpServletResponse.class },
                (proxy, m, args) -> {
                    if (m.getName().equals("setHeader")) {
                        headers.put((String) args[0], (String) args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private void call(String method, String pathInfo) throws Exception {
        routes.dispatch(request(method, "/api/v1/plugins", pathInfo), response());
    }

    @Test
    public void eachPathGoesToItsRouteWithItsParameters() throws Exception {
        call("GET", null);
        call("GET", "/");
        call("GET", "/kiln-sample-api");
        call("HEAD", "/kiln-sample-api");
        call("POST", "/kiln-sample-api/reload");
        call("POST", "/reload-all");
        assertEquals(List.of("list", "list", "show kiln-sample-api", "show kiln-sample-api", "reload kiln-sample-api", "reload-all"), answered);
    }

    @Test
    public void aLiteralSegmentIsNotTakenForAName() {
        ApiException e = assertThrows(ApiException.class, () -> call("GET", "/reload-all"));
        assertEquals(405, e.status());
        assertEquals("POST", headers.get("Allow"));
        assertEquals(List.of(), answered);
    }

    @Test
    public void anUnknownPathIs404AndAnUnknownMethod405NamingWhatIsAllowed() {
        assertEquals(404, assertThrows(ApiException.class, () -> call("GET", "/a/frobnicate")).status());
        assertEquals(404, assertThrows(ApiException.class, () -> call("GET", "/a/b/c")).status());
        ApiException e = assertThrows(ApiException.class, () -> call("DELETE", "/a/reload"));
        assertEquals(405, e.status());
        assertEquals("DELETE is not supported on /api/v1/plugins/a/reload (POST is)", e.getMessage());
    }

    @Test
    public void aServletAtTheRootRoutesOnItsServletPath() throws Exception {
        Routes page = new Routes("").get("", c -> answered.add("index")).get("app.js", c -> answered.add("js"));
        page.dispatch(request("GET", "/", null), response());
        page.dispatch(request("GET", "/app.js", null), response());
        assertEquals(List.of("index", "js"), answered);
    }
}
