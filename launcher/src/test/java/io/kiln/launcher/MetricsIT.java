package io.kiln.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code GET /metrics} of the real distribution, read as Prometheus reads it, while plugins and sections change. */
public class MetricsIT {

    private static final Map<String, String> RELOAD_APPLIED = Map.of("action", "reload", "outcome", "applied");

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static ApiKiln kiln;

    @BeforeClass
    public static void start() throws Exception {
        kiln = ApiKiln.start(temp.getRoot().toPath().resolve("kiln"), Map.of());
    }

    @AfterClass
    public static void stop() throws Exception {
        kiln.close();
    }

    private static PrometheusText scrape() {
        HttpResponse<String> response = kiln.get("/metrics");
        assertEquals(response.body(), 200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        return PrometheusText.parse(response.body());
    }

    @Test
    public void aReloadCountsOnceAsAReloadThatApplied() {
        PrometheusText before = scrape();
        HttpResponse<String> reload = kiln.post("/api/v1/plugins/kiln-sample-chain-alpha/reload?dependents=false");
        assertEquals(reload.body(), 200, reload.statusCode());
        PrometheusText after = scrape();
        assertEquals(before.count("kiln_changes_total", RELOAD_APPLIED) + 1, after.count("kiln_changes_total", RELOAD_APPLIED), 0);
        assertEquals(before.count("kiln_change_duration_seconds_count", RELOAD_APPLIED) + 1,
                after.count("kiln_change_duration_seconds_count", RELOAD_APPLIED), 0);
        assertEquals("counter", after.type("kiln_changes_total"));
        assertEquals("histogram", after.type("kiln_change_duration_seconds"));
        assertEquals(7, after.count("kiln_plugins", Map.of("state", "active")), 0);
        assertEquals(0, after.count("kiln_plugins_stuck", Map.of()), 0);
        assertEquals(0, after.count("kiln_reload_queue_depth", Map.of()), 0);
    }

    @Test
    public void theStartCountedEveryPluginInstalledFromHot() {
        assertEquals(7, scrape().count("kiln_changes_total", Map.of("action", "install", "outcome", "applied")), 0);
    }

    @Test
    public void aJarThatIsNotAPluginCountsAsARejectedFile() throws Exception {
        double before = scrape().count("kiln_rejections_total", Map.of("subject", "plugin"));
        Path staged = kiln.home.resolve("hot/.not-a-plugin.jar");
        Files.write(staged, TestJars.jar(Map.of("Bundle-ManifestVersion", "2"), Map.of("readme.txt", new byte[] { 1 })));
        Path jar = Files.move(staged, kiln.home.resolve("hot/not-a-plugin.jar"), StandardCopyOption.ATOMIC_MOVE);
        try {
            await("the refusal counted").atMost(Duration.ofSeconds(30))
                    .until(() -> scrape().count("kiln_rejections_total", Map.of("subject", "plugin")) >= before + 1);
            PrometheusText after = scrape();
            assertEquals(before + 1, after.count("kiln_rejections_total", Map.of("subject", "plugin")), 0);
            assertEquals(1, after.count("kiln_rejected_files", Map.of()), 0);
        } finally {
            Files.delete(jar);
        }
        await("no longer refused once gone").atMost(Duration.ofSeconds(30)).until(() -> scrape().count("kiln_rejected_files", Map.of()) == 0);
    }

    @Test
    public void aRefusedSectionCountsAsARejectedSection() throws Exception {
        double before = scrape().count("kiln_rejections_total", Map.of("subject", "section"));
        Path farewell = kiln.home.resolve("conf/sample.farewell.cfg");
        String valid = Files.readString(farewell);
        Files.writeString(farewell, "text = Goodbye\ntimes = 9\n"); // the maximum is 5
        try {
            await("the refusal counted").atMost(Duration.ofSeconds(30))
                    .until(() -> scrape().count("kiln_rejections_total", Map.of("subject", "section")) >= before + 1);
            PrometheusText after = scrape();
            assertEquals(before + 1, after.count("kiln_rejections_total", Map.of("subject", "section")), 0);
            assertEquals(1, after.count("kiln_rejected_sections", Map.of()), 0);
        } finally {
            Files.writeString(farewell, valid);
        }
        await("the section applies again").atMost(Duration.ofSeconds(30)).until(() -> scrape().count("kiln_rejected_sections", Map.of()) == 0);
    }

    @Test
    public void theJvmsOwnFiguresAreThere() {
        PrometheusText metrics = scrape();
        assertTrue(metrics.value("jvm_memory_used_bytes", Map.of("area", "heap")).orElse(0.0) > 0);
        assertTrue(metrics.value("jvm_memory_pool_used_bytes", Map.of("pool", "Metaspace")).orElse(0.0) > 0);
        assertTrue(metrics.value("jvm_threads_current", Map.of()).orElse(0.0) > 0);
        assertTrue(metrics.value("jvm_classes_currently_loaded", Map.of()).orElse(0.0) > 0);
        assertEquals("summary", metrics.type("jvm_gc_collection_seconds"));
        assertTrue(metrics.samples().stream().anyMatch(s -> s.name().equals("jvm_gc_collection_seconds_count")));
        assertTrue(metrics.value("process_cpu_seconds_total", Map.of()).isPresent());
    }

    @Test
    public void withoutTheTokenItIs401LikeTheRestOfTheApi() {
        for (HttpRequest.Builder request : new HttpRequest.Builder[] { HttpRequest.newBuilder(kiln.url.resolve("/metrics")).GET(),
                HttpRequest.newBuilder(kiln.url.resolve("/metrics")).header("Authorization", "Bearer wrong-token-wrong-token").GET() }) {
            HttpResponse<String> response = kiln.send(request);
            assertEquals(response.body(), 401, response.statusCode());
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
            JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
            assertEquals("unauthorized", body.get("error").getAsString());
            assertTrue(body.has("detail"));
        }
    }

    @Test
    public void theMetricsTokenReadsTheMetricsAndNothingElse() throws Exception {
        Path file = kiln.home.resolve("data/metrics-token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String token = Files.readString(file).strip();
        HttpResponse<String> metrics = kiln.send(HttpRequest.newBuilder(kiln.url.resolve("/metrics")).header("Authorization", "Bearer " + token).GET());
        assertEquals(200, metrics.statusCode());
        PrometheusText.parse(metrics.body());
        for (HttpRequest.Builder request : new HttpRequest.Builder[] {
                HttpRequest.newBuilder(kiln.url.resolve("/api/v1/status")).GET(),
                HttpRequest.newBuilder(kiln.url.resolve("/api/v1/plugins/kiln-sample-chain-alpha/reload")).POST(HttpRequest.BodyPublishers.noBody()) }) {
            // known, and forbidden here: 403 saying which token opens what, not 401 as for a token no one gave out
            HttpResponse<String> refused = kiln.send(request.header("Authorization", "Bearer " + token));
            assertEquals(refused.body(), 403, refused.statusCode());
            assertTrue(refused.body(), refused.body().contains("the metrics token opens GET /metrics only"));
        }
        HttpResponse<String> post = kiln.send(HttpRequest.newBuilder(kiln.url.resolve("/metrics")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(post.body(), 403, post.statusCode());
    }

    @Test
    public void openMetricsWhenAskedFor() {
        HttpResponse<String> response = kiln.send(kiln.request("/metrics").header("Accept", "application/openmetrics-text; version=1.0.0").GET());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text; version=1.0.0"));
        assertTrue(response.body().endsWith("# EOF\n"));
        // Prometheus' own Accept when it would take protobuf first: this Kiln has no protobuf writer, and says text
        HttpResponse<String> protobufFirst = kiln.send(kiln.request("/metrics").header("Accept",
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3").GET());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", protobufFirst.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    public void onlyGetAndHead() {
        HttpResponse<String> post = kiln.post("/metrics");
        assertEquals(post.body(), 405, post.statusCode());
        assertEquals("method not allowed", JsonParser.parseString(post.body()).getAsJsonObject().get("error").getAsString());
        assertEquals(200, kiln.send(kiln.request("/metrics").method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode());
    }
}
