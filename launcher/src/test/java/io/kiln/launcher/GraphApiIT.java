package io.kiln.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code GET /api/v1/graph} and {@code GET /api/v1/graph/{name}} over real HTTP, against the real distribution's samples. */
public class GraphApiIT {

    private static final String ALPHA = "kiln-sample-chain-alpha";
    private static final String BETA = "kiln-sample-chain-beta";
    private static final String CHARLIE = "kiln-sample-chain-charlie";

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

    private static JsonObject object(HttpResponse<String> response) {
        assertEquals(response.body(), 200, response.statusCode());
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static JsonObject plugin(JsonObject graph, String name) {
        return StreamSupport.stream(graph.getAsJsonArray("plugins").spliterator(), false).map(JsonElement::getAsJsonObject)
                .filter(p -> p.get("name").getAsString().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + ": " + graph));
    }

    private static List<String> strings(JsonArray array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonElement::getAsString).toList();
    }

    @Test
    public void theGraphListsTheChainWithItsLinksAndWhatAChangeToEachLinkWouldRestart() {
        JsonObject graph = object(kiln.get("/api/v1/graph"));
        JsonObject link = StreamSupport.stream(graph.getAsJsonArray("links").spliterator(), false).map(JsonElement::getAsJsonObject)
                .filter(l -> l.get("dependent").getAsString().equals(BETA) && l.get("provider").getAsString().equals(ALPHA))
                .findFirst().orElseThrow(() -> new AssertionError(graph.toString()));
        assertEquals("uses-service-through-handle", link.get("kind").getAsString());
        assertEquals("io.kiln.sample.chain.ChainLink", link.get("used").getAsString());
        assertFalse(link.get("restartsDependent").getAsBoolean());

        JsonObject alpha = plugin(graph, ALPHA);
        assertEquals("ACTIVE", alpha.get("state").getAsString());
        assertEquals(List.of(BETA), strings(alpha.getAsJsonArray("usedBy")));
        assertEquals(List.of(), strings(alpha.getAsJsonObject("change").getAsJsonArray("restarts")));
        JsonArray dependents = alpha.getAsJsonObject("change").getAsJsonArray("dependents");
        assertEquals(2, dependents.size());
        assertEquals(CHARLIE, dependents.get(1).getAsJsonObject().get("plugin").getAsString());
        List<String> charlieUses = strings(plugin(graph, CHARLIE).getAsJsonArray("uses"));
        assertTrue(charlieUses.toString(), charlieUses.contains(BETA) && !charlieUses.contains(ALPHA));

        // every link imports its package from the sample API: a new build of it refreshes the chain, in start order
        List<String> api = strings(plugin(graph, "kiln-sample-api").getAsJsonObject("change").getAsJsonArray("restarts"));
        assertTrue(api.toString(), api.indexOf(ALPHA) >= 0 && api.indexOf(ALPHA) < api.indexOf(BETA) && api.indexOf(BETA) < api.indexOf(CHARLIE));
    }

    @Test
    public void onePluginsPartOfTheGraphHasItsLinksBothWays() {
        JsonObject beta = object(kiln.get("/api/v1/graph/" + BETA));
        assertEquals(BETA, beta.get("name").getAsString());
        assertEquals(List.of(CHARLIE), strings(beta.getAsJsonArray("usedBy")));
        assertTrue(beta.toString(), strings(beta.getAsJsonArray("uses")).containsAll(List.of("kiln-sample-api", ALPHA)));
        assertTrue(StreamSupport.stream(beta.getAsJsonArray("links").spliterator(), false).map(JsonElement::getAsJsonObject)
                .allMatch(l -> l.get("dependent").getAsString().equals(BETA) || l.get("provider").getAsString().equals(BETA)));
    }

    @Test
    public void badRequestsAreRefusedWithAReason() {
        assertError(kiln.get("/api/v1/graph/no-such-plugin"), 404, "not found");
        assertError(kiln.get("/api/v1/graph/...."), 400, "bad request");
        assertError(kiln.get("/api/v1/graph/" + ALPHA + "/restarts"), 404, "not found");
        assertError(kiln.post("/api/v1/graph"), 405, "method not allowed");
        assertError(kiln.send(HttpRequest.newBuilder(kiln.url.resolve("/api/v1/graph")).GET()), 401, "unauthorized");
    }

    private static void assertError(HttpResponse<String> response, int status, String error) {
        assertEquals(response.body(), status, response.statusCode());
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        assertEquals(response.body(), error, body.get("error").getAsString());
        assertFalse(response.body(), body.get("detail").getAsString().isEmpty());
    }
}
