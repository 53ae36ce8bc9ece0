package io.kiln.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code POST /api/v1/builds}, what dev mode calls on every save, over real HTTP against the real distribution: a project
 * built inside Kiln and live, a compile error refused with its file, line and column (the plugin keeps running), and
 * bad requests.
 */
public class BuildsApiIT {

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static ApiKiln kiln;
    private static Path project;

    @BeforeClass
    public static void start() throws Exception {
        kiln = ApiKiln.start(temp.getRoot().toPath().resolve("kiln"), Map.of());
        project = temp.getRoot().toPath().resolve("hello");
    }

    @AfterClass
    public static void stop() throws Exception {
        kiln.close();
    }

    @Test
    public void aProjectIsBuiltAndLiveThenRefusedWithTheCompilersErrorsThenLiveAgain() throws IOException {
        write("return \"hello\";");
        HttpResponse<String> built = build();
        JsonObject body = object(built);
        assertEquals(built.body(), 201, built.statusCode());
        assertEquals("APPLIED", body.get("outcome").getAsString());
        assertEquals("hello", body.get("plugin").getAsString());
        assertEquals("1.0.0", body.get("version").getAsString());
        assertEquals(1, body.get("sources").getAsInt());
        assertTrue(body.has("compileMillis") && body.has("packageMillis") && body.has("reloadMillis"));
        assertTrue("written into hot/ like an install", Files.isRegularFile(kiln.home.resolve("hot/hello.jar")));

        write("return \"hello\"");
        HttpResponse<String> refused = build();
        JsonObject error = object(refused);
        assertEquals(refused.body(), 422, refused.statusCode());
        assertEquals("REJECTED", error.get("outcome").getAsString());
        JsonArray problems = error.getAsJsonArray("problems");
        assertEquals(1, problems.size());
        JsonObject problem = problems.get(0).getAsJsonObject();
        assertEquals("src/main/java/hello/Hello.java", problem.get("file").getAsString());
        assertEquals(4, problem.get("line").getAsInt());
        assertEquals("';' expected", problem.get("message").getAsString());
        assertTrue(error.get("detail").getAsString(), error.get("detail").getAsString()
                .startsWith("hello: does not compile: src/main/java/hello/Hello.java:4:"));
        assertTrue("the last good version runs", kiln.get("/api/v1/plugins/hello").body().contains("\"state\":\"ACTIVE\""));
        assertTrue(kiln.get("/api/v1/history?limit=1").body().contains("\"trigger\":\"dev\""));

        write("return \"hello again\";");
        HttpResponse<String> again = build();
        assertEquals(again.body(), 200, again.statusCode());
        assertEquals("APPLIED", object(again).get("outcome").getAsString());
    }

    @Test
    public void badRequestsAreRefusedAndSaySo() throws IOException {
        assertBadRequest("{\"classpath\": []}", "'project' must name the plugin project's folder");
        assertBadRequest("{\"project\": \"relative/path\"}", "'project' paths must be absolute: relative/path");
        assertBadRequest("{\"project\": \"" + temp.getRoot().toPath().resolve("missing") + "\"}", "missing: not a folder");
        Path empty = Files.createDirectories(temp.getRoot().toPath().resolve("empty"));
        assertBadRequest("{\"project\": \"" + empty + "\"}", "empty: no Java sources");
        assertBadRequest("{\"project\": \"" + empty + "\", \"classpath\": \"a.jar\"}", "'classpath' must be an array of jar paths");
        assertBadRequest("not json", "not valid JSON");
    }

    private void assertBadRequest(String json, String detail) {
        HttpResponse<String> response = kiln.postJson("/api/v1/builds", json);
        assertEquals(response.body(), 400, response.statusCode());
        assertTrue(response.body(), object(response).get("detail").getAsString().contains(detail));
    }

    private static HttpResponse<String> build() throws IOException {
        JsonObject request = new JsonObject();
        request.addProperty("project", project.toString());
        JsonArray classPath = new JsonArray();
        for (Path jar : compileClassPath()) {
            classPath.add(jar.toString());
        }
        request.add("classpath", classPath);
        request.addProperty("symbolicName", "hello");
        request.addProperty("version", "1.0.0");
        return kiln.send(kiln.request("/api/v1/builds").header("X-Kiln-Client", "dev").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request.toString())));
    }

    /** What Maven would give a plugin project: the plugin API and the OSGi annotations, here from the distribution. */
    private static List<Path> compileClassPath() throws IOException {
        try (Stream<Path> compileOnly = Files.list(kiln.home.resolve("lib/compile-only"))) {
            return Stream.concat(Stream.of(kiln.home.resolve("system/kiln-plugin-api.jar")), compileOnly.sorted()).toList();
        }
    }

    private static void write(String body) throws IOException {
        Path file = project.resolve("src/main/java/hello/Hello.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                package hello;
                @org.osgi.service.component.annotations.Component(service = Hello.class)
                public class Hello {
                    public String say() { %s }
                }
                """.formatted(body));
    }

    private static JsonObject object(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }
}
