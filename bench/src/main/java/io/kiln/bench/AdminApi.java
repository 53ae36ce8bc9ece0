package io.kiln.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Kiln's HTTP admin API of one running copy, on loopback: the address from {@code data/api-url}, the token from
 * {@code data/api-token} (docs/http-api.md).
 */
final class AdminApi {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AdminApi(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Waits, bounded by {@code timeout}, until the copy at {@code home} has written its address and token and answers. */
    static AdminApi await(Path home, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path url = home.resolve("data/api-url");
        Path token = home.resolve("data/api-token");
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (Files.exists(url) && Files.exists(token)) {
                URI base = URI.create(Files.readAllLines(url).get(0).strip());
                AdminApi api = new AdminApi(base.toString().endsWith("/") ? base : URI.create(base + "/"),
                        Files.readString(token).strip());
                try {
                    if (api.get("api/v1/plugins").statusCode() == 200) {
                        return api;
                    }
                } catch (IOException e) {
                    last = e; // Jetty is still starting
                }
            }
            Thread.sleep(100); // start-up only, bounded by the deadline
        }
        throw new IOException("Kiln's admin API did not answer within " + timeout.toSeconds() + " s"
                + (last == null ? "" : ": " + last));
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).timeout(REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return http.send(request(path).timeout(REQUEST_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return http.send(request(path).timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs bytes (a jar), or nothing when {@code body} is null, and waits up to {@code timeout} for the answer. */
    HttpResponse<String> postBytes(String path, byte[] body, String contentType, Duration timeout) throws IOException, InterruptedException {
        return http.send(request(path).timeout(timeout).header("Content-Type", contentType)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> putJson(String path, String json) throws IOException, InterruptedException {
        return http.send(request(path).timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a plugin jar to {@code POST /api/v1/plugins} (install or update); the answer is the change's result. */
    HttpResponse<String> postJar(byte[] jar) throws IOException, InterruptedException {
        return http.send(request("api/v1/plugins").timeout(REQUEST_TIMEOUT).header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens {@code GET /api/v1/events}; the answer's body is read as it arrives. */
    EventStream events() throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> response = http.send(request("api/v1/events").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("GET /api/v1/events answered " + response.statusCode());
        }
        return new EventStream(response.body());
    }
}
