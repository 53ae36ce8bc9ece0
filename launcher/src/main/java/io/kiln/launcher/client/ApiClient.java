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
    private final String client;

    ApiClient(URI base, String token) {
        this(base, token, "cli");
    }

    /** @param client what the API records as the changes' trigger ({@code X-Kiln-Client}: {@code cli}, {@code dev}) */
    ApiClient(URI base, String token, String client) {
        this.base = base;
        this.token = token;
        this.client = client;
    }

    /** The same Kiln, its changes recorded as made by {@code client}. */
    ApiClient as(String client) {
        return new ApiClient(base, token, client);
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
                .timeout(Duration.ofMinutes(3)).header("Authorization", "Bearer " + token).header("X-Kiln-Client", client).header("Accept", "application/json");
    }

    /** An answer, whatever its status. */
    record Answer(int status, JsonElement body) {
    }

    /** POSTs JSON and returns the answer as it is, a 4xx or 5xx too (only a Kiln that cannot be reached throws). */
    Answer exchange(String path, JsonObject body) throws ClientException {
        return answer(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** GETs a stream of lines (the event stream), read as they come. */
    HttpResponse<java.util.stream.Stream<String>> lines(String path) throws ClientException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .header("X-Kiln-Client", client).header("Accept", "text/event-stream").GET().build();
        HttpResponse<java.util.stream.Stream<String>> response = send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new ClientException("GET " + request.uri().getPath() + " answered " + response.statusCode());
        }
        return response;
    }

    /** Sends the request; what fails on the way is said in one line: Kiln not reachable, the connection broken. */
    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws ClientException {
        try {
            return http.send(request, body);
        } catch (ConnectException e) {
            throw new ClientException("cannot reach Kiln at " + base + " (is it running? --api-url sets the address)");
        } catch (IOException e) {
            throw new ClientException("request to " + request.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted");
        }
    }

    private Answer answer(HttpRequest.Builder builder) throws ClientException {
        HttpRequest request = builder.build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        try {
            return new Answer(response.statusCode(), response.body().isEmpty() ? new JsonObject() : JsonParser.parseString(response.body()));
        } catch (JsonParseException e) {
            throw new ClientException(request.method() + " " + request.uri().getPath() + " answered " + response.statusCode() + " with a body that is not JSON");
        }
    }

    private JsonElement send(HttpRequest.Builder builder) throws ClientException {
        Answer answer = answer(builder);
        JsonElement body = answer.body();
        int status = answer.status();
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
