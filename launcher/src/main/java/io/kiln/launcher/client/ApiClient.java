package io.kiln.launcher.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/** Talks to a running Kiln's admin API with its bearer token; every answer that is not 2xx becomes a {@link ClientException}. */
final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    ApiClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    URI base() {
        return base;
    }

    JsonElement get(String path) throws ClientException {
        return send(request(path).GET());
    }

    JsonElement post(String path) throws ClientException {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    JsonElement post(String path, JsonObject body) throws ClientException {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    JsonElement put(String path, JsonObject body) throws ClientException {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** Uploads a jar, naming its file so that what Kiln says of it names the file the user has. */
    JsonElement postFile(String path, Path file) throws ClientException {
        try {
            return send(request(path).header("Content-Type", "application/java-archive").header(FILE_NAME, fileName(file))
                    .POST(HttpRequest.BodyPublishers.ofFile(file)));
        } catch (java.io.FileNotFoundException e) {
            throw new ClientException("no such file: " + file);
        }
    }

    /** Uploads a jar's bytes as read from {@code file}. */
    JsonElement postBytes(String path, Path file, byte[] jar) throws ClientException {
        return send(request(path).header("Content-Type", "application/java-archive").header(FILE_NAME, fileName(file))
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar)));
    }

    /** The header the API reads an upload's file name from (URL-encoded: a header is ASCII). */
    private static final String FILE_NAME = "X-Kiln-File-Name";

    private static String fileName(Path file) {
        return java.net.URLEncoder.encode(file.getFileName().toString(), java.nio.charset.StandardCharsets.UTF_8);
    }

    JsonElement delete(String path) throws ClientException {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofMinutes(3)).header("Authorization", "Bearer " + token).header("X-Kiln-Client", "cli").header("Accept", "application/json");
    }

    private JsonElement send(HttpRequest.Builder builder) throws ClientException {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new ClientException("cannot reach Kiln at " + base + " (is it running? --api-url sets the address)");
        } catch (IOException e) {
            throw new ClientException("request to " + request.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted");
        }
        JsonElement body;
        try {
            body = response.body().isEmpty() ? new JsonObject() : JsonParser.parseString(response.body());
        } catch (JsonParseException e) {
            throw new ClientException(request.method() + " " + request.uri().getPath() + " answered " + response.statusCode() + " with a body that is not JSON");
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String reason = body.isJsonObject() && body.getAsJsonObject().has("error")
                    ? body.getAsJsonObject().get("error").getAsString() + ": " + detail(body.getAsJsonObject())
                    : "HTTP " + status;
            throw new ClientException(reason.lines().findFirst().orElse(reason), 1, body);
        }
        return body;
    }

    private static String detail(JsonObject body) {
        JsonElement detail = body.get("detail");
        return detail == null || detail.isJsonNull() ? "" : detail.getAsString();
    }
}
