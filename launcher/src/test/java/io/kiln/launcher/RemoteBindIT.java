package io.kiln.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * When Jetty is told to bind every address, the admin API refuses to serve: no endpoint (nor {@code /metrics}), no
 * token, and the log says why. (The test only connects to 127.0.0.1.)
 */
public class RemoteBindIT {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void theApiRefusesToServeOnANonLoopbackBind() throws Exception {
        Path home = DistributionCopy.fresh(temp.getRoot().toPath().resolve("kiln"));
        int port = ApiKiln.freePort();
        Path properties = home.resolve("conf/kiln.properties");
        Files.writeString(properties, Files.readString(properties)
                .replace("org.osgi.service.http.port = 8181", "org.osgi.service.http.port = " + port)
                .replace("org.apache.felix.http.host = 127.0.0.1", "org.apache.felix.http.host = 0.0.0.0"));
        try (RunningKiln kiln = RunningKiln.startWithOptions(home, "-Dorg.osgi.service.http.port=" + port)) {
            kiln.awaitLine("Kiln ready in ").awaitLine("refusing to serve the admin API: Jetty binds 0.0.0.0");
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/status")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, response.statusCode());
            // served by another bundle, kiln-metrics, whose servlet waits for the API's token filter, which never comes
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("/metrics is not served unguarded", 404, metrics.statusCode());
            assertFalse("no token is made for an API that is not served", Files.exists(home.resolve("data/api-token")));
            assertFalse(Files.exists(home.resolve("data/metrics-token")));
            assertFalse(Files.exists(home.resolve("data/api-url")));
            kiln.signal("TERM");
            assertEquals(0, kiln.awaitExit());
            assertTrue(kiln.printed("Kiln stopped"));
        }
    }
}
