package io.kiln.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Every endpoint of the admin API over real HTTP on loopback, with its errors, against the real distribution. */
public class HttpApiIT {

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static ApiKiln kiln;

    @BeforeClass
    public static void start() throws Exception {
        kiln = ApiKiln.start(temp.getRoot().toPath().resolve("kiln"),
                Map.of("conf/io.kiln.http.cfg", "maxJsonBytes = 4096\nmaxJarBytes = 200000\n"));
    }

    @AfterClass
    public static void stop() throws Exception {
        kiln.close();
    }

    private static JsonObject object(HttpResponse<String> response) {
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static void assertError(HttpResponse<String> response, int status, String error) {
        assertEquals(response.body(), status, response.statusCode());
        JsonObject body = object(response);
        assertEquals(response.body(), error, body.get("error").getAsString());
        assertTrue(response.body(), body.has("detail"));
    }

    @Test
    public void theTokenFileIsOwnerOnlyAndItsLocationWasPrintedOnce() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kiln.home.resolve("data/api-token"))));
        assertEquals(1, kiln.process.output().stream().filter(l -> l.contains("Kiln API token written to")).count());
        assertTrue(kiln.url.toString().startsWith("http://127.0.0.1:"));
    }

    @Test
    public void everyApiEndpointNeedsTheToken() {
        for (String path : new String[] { "/api/v1/status", "/api/v1/plugins", "/api/v1/plugins/kiln-sample-api", "/api/v1/history",
                "/api/v1/events", "/api/v1/config", "/api/v1/skills", "/api/v1/agents", "/api/v1/nothing" }) {
            HttpResponse<String> missing = kiln.send(HttpRequest.newBuilder(kiln.url.resolve(path)).GET());
            assertError(missing, 401, "unauthorized");
            assertTrue(missing.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
            assertError(kiln.send(HttpRequest.newBuilder(kiln.url.resolve(path)).header("Authorization", "Bearer wrong-token-wrong-token").GET()),
                    401, "unauthorized");
        }
        HttpResponse<String> reload = kiln.send(HttpRequest.newBuilder(kiln.url.resolve("/api/v1/plugins/kiln-sample-api/reload"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertError(reload, 401, "unauthorized");
    }

    @Test
    public void aChangingRequestFromAnotherSitesPageIsRefused() {
        HttpResponse<String> response = kiln.send(kiln.request("/api/v1/plugins/kiln-sample-api/reload")
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.noBody()));
        assertError(response, 403, "forbidden origin");
        HttpResponse<String> own = kiln.send(kiln.request("/api/v1/plugins/kiln-sample-api/reload")
                .header("Origin", "http://127.0.0.1:" + kiln.url.getPort()).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(own.body(), 200, own.statusCode());
    }

    @Test
    public void aRequestForAnotherHostNameIsRefused() throws Exception {
        // what a DNS-rebinding page would send: the right address, someone else's name
        try (java.net.Socket socket = new java.net.Socket(kiln.url.getHost(), kiln.url.getPort())) {
            socket.getOutputStream().write(("GET /api/v1/status HTTP/1.1\r\nHost: evil.example:" + kiln.url.getPort()
                    + "\r\nAuthorization: Bearer " + kiln.token + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(answer, answer.startsWith("HTTP/1.1 403"));
            assertTrue(answer, answer.contains("\"error\":\"forbidden host\""));
        }
        assertEquals(200, kiln.send(HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + kiln.url.getPort() + "/api/v1/status"))
                .header("Authorization", "Bearer " + kiln.token).GET()).statusCode());
    }

    @Test
    public void healthNeedsNoToken() {
        HttpResponse<String> response = kiln.send(HttpRequest.newBuilder(kiln.url.resolve("/health")).GET());
        assertEquals(response.body(), 200, response.statusCode());
        assertEquals("UP", object(response).get("status").getAsString());
    }

    @Test
    public void healthIs503NamingAPluginWhoseComponentsCannotWork() {
        // beta's component needs alpha's service: with alpha disabled, beta's bundle is ACTIVE but it does nothing
        assertEquals("APPLIED", object(kiln.post("/api/v1/plugins/kiln-sample-chain-alpha/disable")).get("outcome").getAsString());
        try {
            HttpResponse<String> response = kiln.send(HttpRequest.newBuilder(kiln.url.resolve("/health")).GET());
            assertError(response, 503, "unhealthy");
            assertEquals("DOWN", object(response).get("status").getAsString());
            assertTrue(response.body(), response.body().contains("\"name\":\"kiln-sample-chain-beta\""));
            assertTrue(response.body(), response.body().contains("BetaLink waits for io.kiln.sample.chain.ChainLink"));
        } finally {
            kiln.post("/api/v1/plugins/kiln-sample-chain-alpha/enable");
        }
        await("healthy again").atMost(Duration.ofSeconds(10))
                .until(() -> kiln.send(HttpRequest.newBuilder(kiln.url.resolve("/health")).GET()).statusCode() == 200);
    }

    @Test
    public void healthIsDegradedWhileASectionFileIsRejected() throws Exception {
        java.nio.file.Path farewell = kiln.home.resolve("conf/sample.farewell.cfg");
        String valid = Files.readString(farewell);
        Files.writeString(farewell, "text = Goodbye\ntimes = 9\n");
        try {
            await("degraded").atMost(Duration.ofSeconds(10)).until(() -> "DEGRADED".equals(health().get("status").getAsString()));
            HttpResponse<String> response = kiln.send(HttpRequest.newBuilder(kiln.url.resolve("/health")).GET());
            assertEquals("degraded still serves: 200", 200, response.statusCode());
            JsonObject rejected = object(response).getAsJsonArray("rejected").get(0).getAsJsonObject();
            assertEquals(response.body(), "section", rejected.get("kind").getAsString());
            assertEquals(response.body(), "sample.farewell", rejected.get("name").getAsString());
            assertTrue(response.body(), rejected.get("reason").getAsString().contains("times"));
            assertTrue(response.body(), object(response).get("checks").isJsonArray());
        } finally {
            Files.writeString(farewell, valid);
        }
        await("up again").atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(health().get("status").getAsString()));
    }

    @Test
    public void healthIs503WhileAFelixHealthCheckIsCritical() throws Exception {
        // healthy when the plugin is verified, critical from then on
        byte[] jar = ApiKiln.pluginJarWithActivator("it-checked", """
                package itest;

                import java.util.Map;
                import java.util.concurrent.atomic.AtomicInteger;

                import org.apache.felix.hc.api.HealthCheck;
                import org.apache.felix.hc.api.Result;
                import org.osgi.framework.BundleActivator;
                import org.osgi.framework.BundleContext;
                import org.osgi.framework.FrameworkUtil;

                public class Activator implements BundleActivator {
                    public void start(BundleContext context) {
                        AtomicInteger calls = new AtomicInteger();
                        HealthCheck check = () -> calls.getAndIncrement() == 0 ? new Result(Result.Status.OK, "fine")
                                : new Result(Result.Status.CRITICAL, "disk gone");
                        context.registerService(HealthCheck.class, check, FrameworkUtil.asDictionary(
                                Map.of(HealthCheck.NAME, "it-disk", HealthCheck.TAGS, new String[] { "it" })));
                    }

                    public void stop(BundleContext context) {
                    }
                }
                """, "org.apache.felix.hc.api;version=\"[2,3)\",org.osgi.framework");
        HttpResponse<String> installed = kiln.postJar("/api/v1/plugins", jar);
        assertEquals(installed.body(), 201, installed.statusCode());
        try {
            await("down").atMost(Duration.ofSeconds(10)).until(() -> "DOWN".equals(health().get("status").getAsString()));
            HttpResponse<String> response = kiln.send(HttpRequest.newBuilder(kiln.url.resolve("/health")).GET());
            assertError(response, 503, "unhealthy");
            JsonObject check = object(response).getAsJsonArray("checks").asList().stream().map(c -> c.getAsJsonObject())
                    .filter(c -> c.get("name").getAsString().equals("it-disk")).findFirst().orElseThrow();
            assertEquals(response.body(), "CRITICAL", check.get("status").getAsString());
            assertEquals(response.body(), "disk gone", check.get("message").getAsString());
            assertTrue(response.body(), object(response).get("detail").getAsString().contains("1 health check(s) failing"));
        } finally {
            kiln.delete("/api/v1/plugins/it-checked");
        }
        await("up again").atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(health().get("status").getAsString()));
    }

    private static JsonObject health() {
        return object(kiln.send(HttpRequest.newBuilder(kiln.url.resolve("/health")).GET()));
    }

    @Test
    public void statusListsCountsAndVersion() {
        JsonObject status = object(kiln.get("/api/v1/status"));
        assertEquals("0.1.0.SNAPSHOT", status.get("version").getAsString());
        assertTrue(status.get("plugins").getAsInt() >= 6);
        assertTrue(status.get("uptimeMillis").getAsLong() > 0);
        assertTrue(status.get("rejected").isJsonArray());
        assertTrue(status.toString(), status.get("rejectedSections").isJsonArray() && status.get("rejectedSkills").isJsonArray());
        assertEquals(status.toString(), kiln.process.pid(), status.get("pid").getAsLong());
        try {
            assertEquals(kiln.home.toRealPath().toString(), status.get("home").getAsString());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    public void pluginsAreListedAndShown() {
        JsonArray plugins = JsonParser.parseString(kiln.get("/api/v1/plugins").body()).getAsJsonArray();
        assertTrue(plugins.toString(), plugins.toString().contains("\"name\":\"kiln-sample-chain-alpha\""));
        JsonObject alpha = object(kiln.get("/api/v1/plugins/kiln-sample-chain-alpha"));
        assertEquals("ACTIVE", alpha.get("state").getAsString());
        assertEquals("kiln-sample-chain-alpha.jar", alpha.get("file").getAsString());
        assertError(kiln.get("/api/v1/plugins/no-such-plugin"), 404, "not found");
    }

    @Test
    public void namesThatArePathsAreRefused() {
        assertError(kiln.post("/api/v1/plugins/..../reload"), 400, "bad request");
        for (HttpResponse<String> refused : java.util.List.of(kiln.get("/api/v1/plugins/.."), kiln.delete("/api/v1/plugins/%2e%2e"),
                kiln.post("/api/v1/plugins/..%2F..%2Fdata/reload"), kiln.delete("/api/v1/plugins/..%2F..%2Fconf%2Fkiln.properties"))) {
            // refused as a bad name, or resolved by Jetty to a path that is no plugin: never a file outside hot/
            assertTrue(refused.uri() + ": " + refused.body(), refused.statusCode() == 400 || refused.statusCode() == 404);
        }
        assertTrue(Files.exists(kiln.home.resolve("conf/kiln.properties")));
        // a NUL is refused by Jetty itself, before the API sees it
        assertEquals(400, kiln.post("/api/v1/plugins/a%00b/reload").statusCode());
        assertTrue(Files.exists(kiln.home.resolve("data/api-token")));
    }

    @Test
    public void reloadReloadsDependentsUnlessAskedNotTo() {
        JsonObject all = object(kiln.post("/api/v1/plugins/kiln-sample-chain-alpha/reload"));
        assertEquals(3, all.get("succeeded").getAsInt());
        assertEquals(0, all.get("failed").getAsInt());
        JsonObject only = object(kiln.post("/api/v1/plugins/kiln-sample-chain-alpha/reload?dependents=false"));
        assertEquals(1, only.getAsJsonArray("results").size());
        assertError(kiln.post("/api/v1/plugins/kiln-sample-chain-alpha/reload?dependents=maybe"), 400, "bad request");
        assertError(kiln.post("/api/v1/plugins/nope/reload"), 404, "not found");
        assertError(kiln.post("/api/v1/plugins/kiln-sample-api/explode"), 404, "not found");
        assertError(kiln.get("/api/v1/plugins/kiln-sample-api/reload"), 405, "method not allowed");
    }

    @Test
    public void reloadAllCountsSuccessesAndFailures() {
        JsonObject summary = object(kiln.post("/api/v1/plugins/reload-all"));
        assertTrue(summary.get("succeeded").getAsInt() >= 6);
        assertEquals(0, summary.get("failed").getAsInt());
    }

    @Test
    public void disableThenEnable() {
        JsonObject disabled = object(kiln.post("/api/v1/plugins/kiln-sample-counter/disable"));
        assertEquals("APPLIED", disabled.get("outcome").getAsString());
        assertFalse(object(kiln.get("/api/v1/plugins/kiln-sample-counter")).get("enabled").getAsBoolean());
        JsonObject enabled = object(kiln.post("/api/v1/plugins/kiln-sample-counter/enable"));
        assertEquals("APPLIED", enabled.get("outcome").getAsString());
        assertEquals("ACTIVE", object(kiln.get("/api/v1/plugins/kiln-sample-counter")).get("state").getAsString());
    }

    @Test
    public void historyIsNewestFirstAndLimited() {
        kiln.post("/api/v1/plugins/kiln-sample-greeting/reload");
        JsonArray history = JsonParser.parseString(kiln.get("/api/v1/history?limit=1").body()).getAsJsonArray();
        assertEquals(1, history.size());
        assertEquals("kiln-sample-greeting", history.get(0).getAsJsonObject().get("plugin").getAsString());
        assertEquals("http", history.get(0).getAsJsonObject().get("trigger").getAsString());
        assertError(kiln.get("/api/v1/history?limit=zero"), 400, "bad request");
        assertError(kiln.get("/api/v1/history?limit=0"), 400, "bad request");
    }

    @Test
    public void aJarSentAsAFormAsCurlDoesByDefaultIsStillAJar() throws Exception {
        HttpResponse<String> installed = kiln.send(kiln.request("/api/v1/plugins?sha256=" + sha256(ApiKiln.pluginJar("it-formed", "1.0.0")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ApiKiln.pluginJar("it-formed", "1.0.0"))));
        assertEquals(installed.body(), 201, installed.statusCode());
        assertTrue(object(installed).get("live").getAsBoolean());
        assertEquals(200, kiln.delete("/api/v1/plugins/it-formed").statusCode());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    public void installUpdateRollbackAndRemoveAnUploadedJar() throws Exception {
        HttpResponse<String> installed = kiln.postJar("/api/v1/plugins", ApiKiln.pluginJar("it-uploaded", "1.0.0"));
        assertEquals(installed.body(), 201, installed.statusCode());
        assertTrue(object(installed).get("live").getAsBoolean());
        assertTrue(Files.exists(kiln.home.resolve("hot/it-uploaded.jar")));
        assertEquals("ACTIVE", object(kiln.get("/api/v1/plugins/it-uploaded")).get("state").getAsString());

        HttpResponse<String> same = kiln.postJar("/api/v1/plugins", ApiKiln.pluginJar("it-uploaded", "1.0.0"));
        assertEquals(same.body(), 200, same.statusCode());
        assertEquals("the running build, answered at once", "UNCHANGED", object(same).get("outcome").getAsString());

        HttpResponse<String> updated = kiln.postJar("/api/v1/plugins", ApiKiln.pluginJar("it-uploaded", "1.1.0"));
        assertEquals(updated.body(), 200, updated.statusCode());
        assertEquals("1.1.0", object(kiln.get("/api/v1/plugins/it-uploaded")).get("version").getAsString());

        JsonObject rolledBack = object(kiln.post("/api/v1/plugins/it-uploaded/rollback"));
        assertEquals(rolledBack.toString(), "APPLIED", rolledBack.get("outcome").getAsString());
        assertEquals("1.0.0", object(kiln.get("/api/v1/plugins/it-uploaded")).get("version").getAsString());

        HttpResponse<String> removed = kiln.delete("/api/v1/plugins/it-uploaded");
        assertEquals(removed.body(), 200, removed.statusCode());
        assertFalse(Files.exists(kiln.home.resolve("hot/it-uploaded.jar")));
        assertError(kiln.get("/api/v1/plugins/it-uploaded"), 404, "not found");
        assertError(kiln.delete("/api/v1/plugins/it-uploaded"), 404, "not found");
    }

    @Test
    public void uploadsThatAreNotPluginsOrDoNotMatchTheirHashAreRefused() throws Exception {
        HttpResponse<String> notAJar = kiln.postJar("/api/v1/plugins", "not a jar".getBytes());
        assertError(notAJar, 422, "install failed");
        assertTrue(notAJar.body(), object(notAJar).get("detail").getAsString().contains("upload.jar: not a readable jar"));
        // the client and the page name the file they send: what Kiln says of it names that file
        HttpResponse<String> named = kiln.send(kiln.request("/api/v1/plugins").header("Content-Type", "application/java-archive")
                .header("X-Kiln-File-Name", "my%20broken.jar").POST(HttpRequest.BodyPublishers.ofByteArray("not a jar".getBytes())));
        assertError(named, 422, "install failed");
        assertTrue(named.body(), object(named).get("detail").getAsString().startsWith("my broken.jar: not a readable jar"));
        byte[] jar = ApiKiln.pluginJar("it-hashed", "1.0.0");
        HttpResponse<String> mismatch = kiln.postJar("/api/v1/plugins?sha256=" + "0".repeat(64), jar);
        assertError(mismatch, 422, "install failed");
        assertTrue(mismatch.body(), object(mismatch).get("detail").getAsString().contains("its SHA-256 is "));
        assertError(kiln.get("/api/v1/plugins/it-hashed"), 404, "not found");
        try (var files = Files.list(kiln.home.resolve("hot"))) {
            assertTrue("no staged files left behind", files.noneMatch(f -> f.getFileName().toString().startsWith(".kiln-upload")));
        }
    }

    @Test
    public void oversizeBodiesAre413() {
        assertError(kiln.postJar("/api/v1/plugins", new byte[300_000]), 413, "payload too large");
        assertError(kiln.postJson("/api/v1/plugins", "{\"url\": \"" + "a".repeat(10_000) + "\"}"), 413, "payload too large");
    }

    @Test
    public void badJsonIs400() {
        assertError(kiln.postJson("/api/v1/plugins", "{\"url\": "), 400, "bad request");
        assertError(kiln.postJson("/api/v1/plugins", "[1, 2]"), 400, "bad request");
        assertError(kiln.postJson("/api/v1/plugins", "{\"url\": 5}"), 400, "bad request");
        assertError(kiln.send(kiln.request("/api/v1/config/sample.greeting").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{nope"))), 400, "bad request");
    }

    @Test
    public void disallowedUrlsAndPrivateAddressesAreRefusedBeforeAnyConnection() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            int port = server.getLocalPort();
            assertError(kiln.postJson("/api/v1/plugins", "{\"url\": \"http://127.0.0.1:" + port + "/p.jar\"}"), 400, "url not allowed");
            assertError(kiln.postJson("/api/v1/plugins", "{\"url\": \"https://127.0.0.1:" + port + "/p.jar\"}"), 400, "url not allowed");
            assertError(kiln.postJson("/api/v1/plugins", "{\"url\": \"https://localhost:" + port + "/p.jar\"}"), 400, "url not allowed");
            assertError(kiln.postJson("/api/v1/plugins", "{\"url\": \"https://[::1]:" + port + "/p.jar\"}"), 400, "url not allowed");
            assertError(kiln.postJson("/api/v1/plugins", "{\"url\": \"https://10.1.2.3/p.jar\"}"), 400, "url not allowed");
            assertError(kiln.postJson("/api/v1/plugins", "{\"url\": \"https://169.254.169.254/latest\"}"), 400, "url not allowed");
            assertError(kiln.postJson("/api/v1/plugins", "{\"url\": \"file:///etc/passwd\"}"), 400, "url not allowed");
            assertError(kiln.postJson("/api/v1/plugins", "{\"url\": \"https://user:pw@127.0.0.1/p.jar\"}"), 400, "url not allowed");
            assertEquals("connections made to the refused addresses", 0, connections.get());
        }
    }

    @Test
    public void eventsStreamEveryChangeAsItHappens() throws Exception {
        HttpResponse<java.io.InputStream> stream = kiln.sendStreaming("/api/v1/events");
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(stream.body()))) {
                in.lines().forEach(lines::add);
            } catch (IOException closed) {
                // done
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith(": kiln events")));
        kiln.post("/api/v1/plugins/kiln-sample-greeting/reload");
        await("a change event for the reload in " + lines).atMost(Duration.ofSeconds(10)).until(() -> lines.stream()
                .anyMatch(l -> l.startsWith("data: ") && l.contains("\"plugin\":\"kiln-sample-greeting\"") && l.contains("\"action\":\"reload\"")));
        assertTrue(lines.contains("event: change"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("data: {\"line\":") && l.contains("reload kiln-sample-greeting")));
        // and the process's console: the plugin's own log lines as the reload stops and starts it
        await("the plugin's console lines in " + lines).atMost(Duration.ofSeconds(10)).until(() -> {
            int index = lines.indexOf("event: console");
            return index >= 0 && lines.stream().anyMatch(l -> l.startsWith("data: {\"line\":")
                    && l.contains("GreetingPhrase - section sample.greeting applied"));
        });
        stream.body().close();
    }

    @Test
    public void configurationSectionsAreListedChangedAndValidated() throws Exception {
        JsonArray sections = JsonParser.parseString(kiln.get("/api/v1/config").body()).getAsJsonArray();
        assertTrue(sections.toString().contains("\"pid\":\"sample.greeting\""));
        JsonObject greeting = object(kiln.get("/api/v1/config/sample.greeting"));
        assertEquals("Hello", greeting.getAsJsonObject("properties").get("text").getAsString());
        assertError(kiln.get("/api/v1/config/no.such.section"), 404, "not found");
        assertError(kiln.get("/api/v1/config/..%2Fkiln.properties"), 404, "not found");

        String before = Files.readString(kiln.home.resolve("conf/sample.greeting.cfg"));
        HttpResponse<String> invalid = kiln.send(kiln.request("/api/v1/config/sample.greeting").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"key\": \"shout\", \"value\": \"maybe\"}")));
        assertError(invalid, 422, "invalid configuration");
        assertTrue(invalid.body(), object(invalid).get("detail").getAsString().contains("shout"));
        assertEquals("an invalid change writes nothing", before, Files.readString(kiln.home.resolve("conf/sample.greeting.cfg")));

        HttpResponse<String> valid = kiln.send(kiln.request("/api/v1/config/sample.greeting").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"values\": {\"text\": \"Bonjour\"}}")));
        assertEquals(valid.body(), 200, valid.statusCode());
        assertTrue(Files.readString(kiln.home.resolve("conf/sample.greeting.cfg")).contains("Bonjour"));
        HttpResponse<String> reload = kiln.post("/api/v1/config/sample.greeting/reload");
        assertEquals(reload.body(), 200, reload.statusCode());
        HttpResponse<String> reloadAll = kiln.post("/api/v1/config/reload");
        assertEquals(reloadAll.body(), 200, reloadAll.statusCode());
        kiln.send(kiln.request("/api/v1/config/sample.greeting").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"key\": \"text\", \"value\": \"Hello\"}")));
    }

    @Test
    public void skillsAndAgents() {
        JsonArray skills = JsonParser.parseString(kiln.get("/api/v1/skills").body()).getAsJsonArray();
        assertTrue(skills.toString(), skills.toString().contains("\"name\":\"summarize\""));
        HttpResponse<String> reload = kiln.post("/api/v1/skills/reload");
        assertEquals(reload.body(), 200, reload.statusCode());
        assertError(kiln.post("/api/v1/skills/reload?name=no-such-skill"), 404, "not found");
        JsonArray agents = JsonParser.parseString(kiln.get("/api/v1/agents").body()).getAsJsonArray();
        assertTrue(agents.toString(), agents.toString().contains("\"id\":\"helper\""));
        HttpResponse<String> agent = kiln.postJson("/api/v1/agents/helper/reload", "{\"prompt\": \"You help the team with documents.\"}");
        assertEquals(agent.body(), 200, agent.statusCode());
        assertError(kiln.post("/api/v1/agents/nobody/reload"), 404, "not found");
        assertError(kiln.postJson("/api/v1/agents/helper/reload", "{\"capabilities\": \"x\"}"), 400, "bad request");
    }

    @Test
    public void theRemoteShellRunsACommandAndKeepsASessionAndSaysWhatIsWrong() {
        HttpResponse<String> greeted = kiln.postJson("/api/v1/shell", "{\"command\": \"sample:greet Ada\"}");
        assertEquals(greeted.body(), 200, greeted.statusCode());
        assertEquals("Hello, Ada!", object(greeted).get("output").getAsString().strip());
        assertEquals(0, object(greeted).get("exitStatus").getAsInt());

        HttpResponse<String> failed = kiln.postJson("/api/v1/shell", "{\"command\": \"nope:nothing\"}");
        assertEquals("the request worked, the command did not", 200, failed.statusCode());
        assertEquals(1, object(failed).get("exitStatus").getAsInt());
        assertTrue(failed.body(), object(failed).get("error").getAsString().contains("Command not found: nope:nothing"));

        String session = object(kiln.post("/api/v1/shell/sessions")).get("session").getAsString();
        kiln.postJson("/api/v1/shell", "{\"command\": \"who = Bo\", \"session\": \"" + session + "\"}");
        HttpResponse<String> kept = kiln.postJson("/api/v1/shell", "{\"command\": \"sample:greet $who\", \"session\": \"" + session + "\"}");
        assertEquals(kept.body(), "Hello, Bo!", object(kept).get("output").getAsString().strip());
        assertEquals(200, kiln.delete("/api/v1/shell/sessions/" + session).statusCode());
        assertError(kiln.postJson("/api/v1/shell", "{\"command\": \"sample:greet x\", \"session\": \"" + session + "\"}"), 404, "not found");
        assertError(kiln.postJson("/api/v1/shell", "{}"), 400, "bad request");
        assertError(kiln.postJson("/api/v1/shell", "not json"), 400, "bad request");
    }

    @Test
    public void thePageIsServedWithoutATokenAndLoadsNothingFromElsewhere() {
        HttpResponse<String> page = kiln.send(HttpRequest.newBuilder(kiln.url.resolve("/")).GET());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Kiln</title>"));
        assertFalse(page.body().contains("http://") || page.body().contains("https://"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertEquals(200, kiln.send(HttpRequest.newBuilder(kiln.url.resolve("/app.js")).GET()).statusCode());
        assertError(kiln.send(HttpRequest.newBuilder(kiln.url.resolve("/secret")).GET()), 404, "not found");
    }
}
