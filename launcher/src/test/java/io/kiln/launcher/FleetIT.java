package io.kiln.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A fleet of three real Kiln processes (the distribution's {@code bin/kiln}, each with its own folders and admin port)
 * on a real ZooKeeper ensemble of three servers ({@link TestingCluster}), all on loopback.
 */
public class FleetIT {

    private static final Duration ROLLOUT = Duration.ofSeconds(90);
    /** Fails to start wherever the node's folder holds this file: a release that works on the publisher, not everywhere. */
    private static final String REFUSE = "refuse-fleet-plugin";
    private static final String PICKY_ACTIVATOR = """
            package itest;
            import org.osgi.framework.BundleActivator;
            import org.osgi.framework.BundleContext;
            public class Activator implements BundleActivator {
                public void start(BundleContext context) {
                    if (new java.io.File(context.getProperty("kiln.home"), "%s").exists()) {
                        throw new IllegalStateException("this node refuses it-picky");
                    }
                }
                public void stop(BundleContext context) {
                }
            }
            """.formatted(REFUSE);

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private TestingCluster zookeeper;
    private final List<ApiKiln> nodes = new ArrayList<>();

    @Before
    public void ensemble() throws Exception {
        zookeeper = new TestingCluster(3);
        zookeeper.start();
    }

    @After
    public void stop() throws Exception {
        for (ApiKiln node : nodes) {
            node.close();
        }
        zookeeper.close();
    }

    /** Kills a node with SIGKILL: no stop, no goodbye to ZooKeeper; its session ends when it times out. */
    private void kill(ApiKiln node) throws Exception {
        node.process.signal("KILL");
        node.process.awaitExit();
        node.process.close();
        nodes.remove(node);
    }

    private ApiKiln restart(ApiKiln killed) throws Exception {
        ApiKiln node = ApiKiln.restart(killed.home);
        nodes.add(node);
        return node;
    }

    private static String waiting(ApiKiln node) {
        JsonObject fleet = fleet(node);
        return fleet.has("rollout") ? fleet.getAsJsonObject("rollout").get("waiting").getAsString() : "";
    }

    private static String version(ApiKiln node, String plugin) {
        var response = node.get("/api/v1/plugins/" + plugin);
        return response.statusCode() == 200 ? JsonParser.parseString(response.body()).getAsJsonObject().get("version").getAsString() : "";
    }

    private ApiKiln node(String name) throws Exception {
        ApiKiln node = ApiKiln.start(temp.newFolder(name).toPath().resolve("kiln"), Map.of("conf/io.kiln.fleet.cfg", """
                connect = %s
                fleet = it
                node = %s
                sessionTimeoutMillis = 4000
                connectionTimeoutMillis = 2000
                progressDeadlineMillis = 60000
                verifyMillis = 3000
                """.formatted(zookeeper.getConnectString(), name)));
        nodes.add(node);
        return node;
    }

    private static JsonObject fleet(ApiKiln node) {
        var response = node.get("/api/v1/fleet");
        assertEquals(response.body(), 200, response.statusCode());
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static JsonObject status(ApiKiln node, String name) {
        for (JsonElement e : fleet(node).getAsJsonArray("nodes")) {
            JsonObject n = e.getAsJsonObject();
            if (n.get("node").getAsString().equals(name)) {
                return n;
            }
        }
        return new JsonObject();
    }

    private static String rolloutState(ApiKiln node) {
        JsonObject fleet = fleet(node);
        return fleet.has("rollout") ? fleet.getAsJsonObject("rollout").get("state").getAsString() : "";
    }

    private static boolean runs(ApiKiln node, String plugin) {
        return node.get("/api/v1/plugins/" + plugin).statusCode() == 200
                && JsonParser.parseString(node.get("/api/v1/plugins/" + plugin).body()).getAsJsonObject().get("state").getAsString().equals("ACTIVE");
    }

    private static void install(ApiKiln node, byte[] jar) {
        var installed = node.postJar("/api/v1/plugins", jar);
        assertTrue(installed.body(), installed.statusCode() == 200 || installed.statusCode() == 201);
    }

    private void awaitConnected(ApiKiln from, String... names) {
        await("every node connected, seen from " + from.home).atMost(ROLLOUT).until(() -> {
            for (String name : names) {
                JsonObject n = status(from, name);
                if (!n.has("connected") || !n.get("connected").getAsBoolean()) {
                    return false;
                }
            }
            return true;
        });
    }

    private JsonObject publish(ApiKiln publisher) {
        var published = publisher.post("/api/v1/fleet/publish");
        assertEquals(published.body(), 202, published.statusCode());
        return JsonParser.parseString(published.body()).getAsJsonObject();
    }

    @Test
    public void aReleaseReachesEveryNodeCanaryFirstAFailingOneIsRolledBackFromTheCanaryAndALateNodeConverges() throws Exception {
        ApiKiln n1 = node("n1");
        ApiKiln n2 = node("n2");
        ApiKiln n3 = node("n3");
        awaitConnected(n1, "n1", "n2", "n3");

        install(n1, ApiKiln.pluginJar("it-fleet-hello", "1.0.0"));
        JsonObject rollout = publish(n1);
        assertEquals("CANARY", rollout.get("state").getAsString());
        assertEquals("the first node that is not the publisher", "[\"n2\"]", rollout.get("canaries").toString());
        await("rollout 1 succeeded").atMost(ROLLOUT).until(() -> rolloutState(n3).equals("SUCCEEDED"));
        JsonObject done = fleet(n3).getAsJsonObject("rollout");
        assertEquals("the canary, then one node at a time", "[\"n2\",\"n1\",\"n3\"]", done.get("admitted").toString());
        String first = done.get("release").getAsString();
        assertEquals(first, fleet(n2).get("current").getAsString());
        for (ApiKiln node : List.of(n1, n2, n3)) {
            assertTrue(node.home + " runs it-fleet-hello", runs(node, "it-fleet-hello"));
        }

        // a release that starts on the publisher but not on the canary
        Files.writeString(n2.home.resolve(REFUSE), "");
        install(n1, ApiKiln.pluginJarWithActivator("it-picky", PICKY_ACTIVATOR, "org.osgi.framework"));
        assertTrue(runs(n1, "it-picky"));
        publish(n1);
        await("rollout 2 rolled back").atMost(ROLLOUT).until(() -> rolloutState(n1).equals("ROLLED_BACK"));
        JsonObject back = fleet(n1);
        assertEquals("the fleet stays on its release", first, back.get("current").getAsString());
        assertTrue(back.toString(), back.getAsJsonObject("rollout").get("reason").getAsString().startsWith("the canary failed: n2: it-picky"));
        assertEquals("nobody but the canary was admitted", "[\"n2\"]", back.getAsJsonObject("rollout").get("admitted").toString());
        assertFalse("never reached n3", n3.get("/api/v1/plugins/it-picky").statusCode() == 200);
        assertFalse("undone on the canary", runs(n2, "it-picky"));
        await("the publisher goes back to the fleet's release").atMost(ROLLOUT).until(() -> n1.get("/api/v1/plugins/it-picky").statusCode() == 404);
        assertTrue(runs(n2, "it-fleet-hello"));

        // a node that joins after the rollouts runs the fleet's release
        ApiKiln n4 = node("n4");
        await("n4 converged").atMost(ROLLOUT).until(() -> runs(n4, "it-fleet-hello"));
        await("n4 says so").atMost(ROLLOUT).until(() -> status(n1, "n4").has("status")
                && status(n1, "n4").getAsJsonObject("status").get("release").getAsString().equals(first));
        assertFalse(n4.get("/api/v1/plugins/it-picky").statusCode() == 200);
        var blob = n1.send(n1.request("/fleet/blobs/" + done.get("release").getAsString()).GET());
        assertEquals("the API token does not open the fleet's jars: the fleet's secret does", 401, blob.statusCode());
        var history = n4.get("/api/v1/fleet/history");
        assertTrue(history.body(), history.body().indexOf("ROLLED_BACK") < history.body().indexOf("SUCCEEDED"));
    }

    @Test
    public void aNodeKilledMidRolloutConvergesWhenItReturnsAndAnotherNodeCarriesOnForAKilledCoordinatorWhichCanBeForgotten() throws Exception {
        ApiKiln n1 = node("n1");
        ApiKiln n2 = node("n2");
        ApiKiln n3 = node("n3");
        awaitConnected(n1, "n1", "n2", "n3");
        install(n1, ApiKiln.pluginJar("it-fleet-hello", "1.0.0"));
        publish(n1);
        await("rollout 1 succeeded").atMost(ROLLOUT).until(() -> rolloutState(n2).equals("SUCCEEDED"));

        install(n1, ApiKiln.pluginJar("it-fleet-hello", "2.0.0"));
        publish(n1);
        await("the canary verifying").atMost(ROLLOUT).until(() -> rolloutState(n1).equals("VERIFYING"));
        kill(n3);
        await("the rollout holds for the killed node").atMost(ROLLOUT).until(() -> waiting(n1).equals("waiting for n3 (disconnected)"));
        assertEquals("PROGRESSING", rolloutState(n1));
        assertEquals("2.0.0", version(n1, "it-fleet-hello"));
        ApiKiln back = restart(n3);
        await("rollout 2 succeeded once n3 returned").atMost(ROLLOUT).until(() -> rolloutState(n1).equals("SUCCEEDED"));
        assertEquals("2.0.0", version(back, "it-fleet-hello"));

        install(n1, ApiKiln.pluginJar("it-fleet-hello", "3.0.0"));
        publish(n1);
        await("the canary verifying").atMost(ROLLOUT).until(() -> rolloutState(n2).equals("VERIFYING"));
        ApiKiln coordinator = nodes.stream().filter(n -> fleet(n).get("coordinator").getAsBoolean()).findFirst().orElseThrow();
        List<ApiKiln> others = new ArrayList<>(nodes);
        others.remove(coordinator);
        String dead = fleet(coordinator).get("node").getAsString();
        kill(coordinator);
        await("another node elected").atMost(ROLLOUT).until(() -> others.stream().anyMatch(n -> fleet(n).get("coordinator").getAsBoolean()));
        try {
            await("the rollout carried on past the canary, holding only for " + dead).atMost(ROLLOUT)
                    .until(() -> waiting(others.get(0)).equals("waiting for " + dead + " (disconnected)"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(fleet(others.get(0)) + "\n" + String.join("\n", others.get(0).process.output()), e);
        }
        for (ApiKiln other : others) {
            assertEquals("the live nodes were admitted and applied it", "3.0.0", version(other, "it-fleet-hello"));
        }
        // it is not coming back: once forgotten, the rollout stops waiting for it
        var refused = others.get(0).post("/api/v1/fleet/forget?node=" + fleet(others.get(1)).get("node").getAsString());
        assertEquals("a connected node is not forgotten: " + refused.body(), 409, refused.statusCode());
        ApiKiln.ClientRun forgot = others.get(0).client("fleet", "forget", dead);
        assertEquals(forgot.toString(), 0, forgot.exit());
        await("rollout 3 succeeded without it").atMost(ROLLOUT).until(() -> rolloutState(others.get(0)).equals("SUCCEEDED"));
        assertFalse(fleet(others.get(1)).toString().contains("\"node\":\"" + dead + "\""));
    }

    @Test
    public void aZooKeeperServerLostChangesNothingAndQuorumLostHoldsTheRolloutUntilItReturns() throws Exception {
        ApiKiln n1 = node("n1");
        ApiKiln n2 = node("n2");
        ApiKiln n3 = node("n3");
        awaitConnected(n1, "n1", "n2", "n3");
        List<InstanceSpec> servers = new ArrayList<>(zookeeper.getInstances());
        assertTrue(zookeeper.killServer(servers.get(0)));
        install(n1, ApiKiln.pluginJar("it-fleet-hello", "1.0.0"));
        publish(n1);
        await("rollout 1 succeeded on two servers of three").atMost(ROLLOUT).until(() -> rolloutState(n2).equals("SUCCEEDED"));
        assertEquals("1.0.0", version(n3, "it-fleet-hello"));

        install(n1, ApiKiln.pluginJar("it-fleet-hello", "2.0.0"));
        publish(n1);
        await("the canary verifying").atMost(ROLLOUT).until(() -> rolloutState(n1).equals("VERIFYING"));
        assertTrue(zookeeper.killServer(servers.get(1)));
        await("no quorum: the nodes see ZooKeeper gone").atMost(ROLLOUT).until(() -> !fleet(n1).get("connected").getAsBoolean()
                && !fleet(n3).get("connected").getAsBoolean());
        assertEquals("the canary keeps what it applied", "2.0.0", version(n2, "it-fleet-hello"));
        assertEquals("the others were not admitted", "1.0.0", version(n3, "it-fleet-hello"));
        assertTrue(zookeeper.restartServer(servers.get(1)));
        await("rollout 2 succeeded once the quorum returned").atMost(ROLLOUT).until(() -> fleet(n1).get("connected").getAsBoolean()
                && rolloutState(n1).equals("SUCCEEDED"));
        assertEquals("2.0.0", version(n3, "it-fleet-hello"));
    }

    @Test
    public void aNodeCutOffFromZooKeeperRunsAloneAndSaysSoAndBadRequestsAndSectionsAreRefusedInWords() throws Exception {
        int closed = ApiKiln.freePort(); // nothing listens there
        ApiKiln alone = ApiKiln.start(temp.newFolder("alone").toPath().resolve("kiln"), Map.of("conf/io.kiln.fleet.cfg", """
                connect = 127.0.0.1:%d
                fleet = it
                node = alone
                connectionTimeoutMillis = 500
                """.formatted(closed)));
        nodes.add(alone);
        JsonObject view = fleet(alone);
        assertFalse(view.get("connected").getAsBoolean());
        assertTrue("its plugins run as ever", runs(alone, "kiln-sample-greeting"));
        var publish = alone.post("/api/v1/fleet/publish");
        assertEquals(publish.body(), 409, publish.statusCode());
        assertTrue(publish.body(), publish.body().contains("not connected to ZooKeeper (127.0.0.1:" + closed + ")"));
        ApiKiln.ClientRun status = alone.client("fleet", "status");
        assertEquals(status.toString(), 0, status.exit());
        assertTrue(status.out(), status.out().contains("disconnected from ZooKeeper"));

        var unknown = alone.get("/api/v1/fleet/nodes");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body(), unknown.body().contains("POST /api/v1/fleet/{publish,pause,resume,abort,rollback}"));
        assertEquals(405, alone.post("/api/v1/fleet/history").statusCode());
        var blob = alone.send(alone.request("/fleet/blobs/" + "0".repeat(64)).GET());
        assertEquals("without ZooKeeper there is no fleet secret to check a request against", 503, blob.statusCode());

        // a section with wrong values: one line naming the file and each value, and the node out of the fleet
        Files.writeString(alone.home.resolve("conf/.fleet.tmp"), "connect = zk1\nfleet = it\nnode = bad name!\n");
        Files.move(alone.home.resolve("conf/.fleet.tmp"), alone.home.resolve("conf/io.kiln.fleet.cfg"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        alone.process.awaitLine("conf/io.kiln.fleet.cfg: connect: 'zk1' is not host:port (zk1:2181,zk2:2181,zk3:2181); "
                + "node: 'bad name!' is not a name");
        await("the API says why").atMost(ROLLOUT).until(() -> alone.get("/api/v1/fleet").statusCode() == 409);
        assertTrue(alone.get("/api/v1/fleet").body().contains("this node stays out of the fleet until it is fixed"));

        // without the section, Kiln runs alone and the fleet's API says how to join one
        Files.delete(alone.home.resolve("conf/io.kiln.fleet.cfg"));
        await("not in a fleet").atMost(ROLLOUT).until(() -> alone.get("/api/v1/fleet").statusCode() == 404);
        ApiKiln.ClientRun none = alone.client("fleet");
        assertEquals(none.toString(), 1, none.exit());
        assertTrue(none.err(), none.err().contains("this Kiln runs alone: conf/io.kiln.fleet.cfg (connect, fleet, node) joins it to one"));
    }

    @Test
    public void aReleaseIsRefusedBeforeAnyNodeIsTouchedWhenThePublisherDoesNotRunItCleanly() throws Exception {
        ApiKiln n1 = node("n1");
        ApiKiln n2 = node("n2");
        awaitConnected(n1, "n1", "n2");
        // the chain's links lose the API they import: they stay installed, unresolved
        assertEquals(200, n1.delete("/api/v1/plugins/kiln-sample-api").statusCode());
        var refused = n1.post("/api/v1/fleet/publish");
        assertEquals(refused.body(), 409, refused.statusCode());
        assertTrue(refused.body(), refused.body().contains("not published, this node does not run it cleanly: kiln-sample-chain-alpha is INSTALLED"));
        JsonObject rollout = fleet(n2).getAsJsonObject("rollout");
        assertEquals("REFUSED", rollout.get("state").getAsString());
        assertEquals("", fleet(n2).get("current").getAsString());
        assertTrue(runs(n2, "kiln-sample-api"));
    }
}
