package io.kiln.launcher.client;

import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Asks the Kiln to build the project: {@code POST /api/v1/builds} with the project's folder, its class path, name and
 * version. Kiln compiles every source, packages the plugin with bndlib and installs or updates it in one transaction;
 * the changes are recorded with the trigger {@code dev}.
 */
final class Builds {

    static final String PATH = "api/v1/builds";

    private final ApiClient api;

    Builds(ApiClient api) {
        this.api = api.as("dev");
    }

    /**
     * @return Kiln's verdict (200/201 live, 422 not)
     * @throws ClientException when Kiln refuses the request itself (400: not a project) or has no such endpoint
     */
    BuildResult build(DevProject project, List<String> classpath) throws ClientException {
        JsonObject request = new JsonObject();
        request.addProperty("project", project.dir().toString());
        JsonArray entries = new JsonArray();
        classpath.forEach(entries::add);
        request.add("classpath", entries);
        request.addProperty("symbolicName", project.symbolicName());
        request.addProperty("version", project.version());
        ApiClient.Answer answer = api.exchange(PATH, request);
        JsonObject body = answer.body().isJsonObject() ? answer.body().getAsJsonObject() : new JsonObject();
        int status = answer.status();
        if ((status == 200 || status == 201 || status == 422) && body.has("outcome")) {
            return BuildResult.of(status, body);
        }
        if (status == 404) {
            throw new ClientException("this Kiln (" + api.base() + ") cannot build: it has no POST /" + PATH + " (a Kiln older than kiln dev?)");
        }
        String reason = body.has("error") ? Views.text(body, "error") + ": " + Views.text(body, "detail") : "HTTP " + status;
        throw new ClientException("Kiln refused the build: " + reason.lines().findFirst().orElse(reason));
    }
}
