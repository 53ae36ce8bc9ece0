package io.kiln.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;

/**
 * Installing from a URL, against a real HTTP server on loopback: this Kiln allows http and the host 127.0.0.1 (and
 * non-public addresses) on purpose, so redirects, hashes and size caps can be checked end to end.
 */
public class DownloadIT {

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static ApiKiln kiln;
    private static HttpServer server;
    private static final List<String> requests = new CopyOnWriteArrayList<>();
    private static String base;

    @BeforeClass
    public static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            int port = server.getAddress().getPort();
            switch (path) {
                case "/good.jar" -> send(exchange, 200, ApiKiln.pluginJar("it-downloaded", "1.0.0"));
                case "/hashed.jar" -> send(exchange, 200, ApiKiln.pluginJar("it-hashed-download", "1.0.0"));
                case "/redirect-ok" -> redirect(exchange, "http://127.0.0.1:" + port + "/redirected.jar");
                case "/redirected.jar" -> send(exchange, 200, ApiKiln.pluginJar("it-redirected", "1.0.0"));
                case "/redirect-elsewhere" -> redirect(exchange, "http://localhost:" + port + "/good.jar");
                case "/big.jar" -> send(exchange, 200, new byte[150_000]);
                default -> send(exchange, 404, new byte[0]);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        kiln = ApiKiln.start(temp.getRoot().toPath().resolve("kiln"), Map.of("conf/io.kiln.http.cfg",
                "downloadSchemes = http,https\ndownloadHosts = 127.0.0.1\ndownloadAllowPrivate = true\nmaxJarBytes = 100000\n"));
    }

    @AfterClass
    public static void stop() throws Exception {
        kiln.close();
        server.stop(0);
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        send(exchange, 302, new byte[0]);
    }

    private static HttpResponse<String> install(String json) {
        return kiln.postJson("/api/v1/plugins", json);
    }

    private static JsonObject object(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    @Test
    public void aDownloadedJarGoesLive() {
        HttpResponse<String> response = install("{\"url\": \"" + base + "/good.jar\"}");
        assertEquals(response.body(), 201, response.statusCode());
        assertTrue(object(response).get("live").getAsBoolean());
        assertEquals("ACTIVE", object(kiln.get("/api/v1/plugins/it-downloaded")).get("state").getAsString());
    }

    @Test
    public void theHashIsChecked() throws Exception {
        byte[] jar = ApiKiln.pluginJar("it-hashed-download", "1.0.0");
        HttpResponse<String> wrong = install("{\"url\": \"" + base + "/hashed.jar\", \"sha256\": \"" + "ab".repeat(32) + "\"}");
        assertEquals(wrong.body(), 422, wrong.statusCode());
        assertTrue(wrong.body(), object(wrong).get("detail").getAsString().contains("its SHA-256 is "));
        assertEquals(404, kiln.get("/api/v1/plugins/it-hashed-download").statusCode());
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
        HttpResponse<String> right = install("{\"url\": \"" + base + "/hashed.jar\", \"sha256\": \"" + sha256 + "\"}");
        assertEquals(right.body(), 201, right.statusCode());
    }

    @Test
    public void aRedirectIsFollowedOnlyToAnAllowedHost() {
        HttpResponse<String> ok = install("{\"url\": \"" + base + "/redirect-ok\"}");
        assertEquals(ok.body(), 201, ok.statusCode());
        requests.clear();
        HttpResponse<String> elsewhere = install("{\"url\": \"" + base + "/redirect-elsewhere\"}");
        assertEquals(elsewhere.body(), 400, elsewhere.statusCode());
        assertEquals("url not allowed", object(elsewhere).get("error").getAsString());
        assertEquals("the redirect's target was never fetched", List.of("/redirect-elsewhere"), requests);
    }

    @Test
    public void aJarOverTheSizeCapIsRefused() {
        HttpResponse<String> response = install("{\"url\": \"" + base + "/big.jar\"}");
        assertEquals(response.body(), 413, response.statusCode());
    }

    @Test
    public void aMissingJarIsABadGateway() {
        HttpResponse<String> response = install("{\"url\": \"" + base + "/missing.jar\"}");
        assertEquals(response.body(), 502, response.statusCode());
        assertEquals("download failed", object(response).get("error").getAsString());
    }

    @Test
    public void hostsNotListedAreRefused() {
        HttpResponse<String> response = install("{\"url\": \"http://localhost:" + server.getAddress().getPort() + "/good.jar\"}");
        assertEquals(response.body(), 400, response.statusCode());
    }
}
