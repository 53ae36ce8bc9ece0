package io.kiln.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.apache.curator.test.TestingCluster;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code bench/run.sh --fleet [--trials N]}: three Kiln nodes on a ZooKeeper ensemble of three servers (curator-test's
 * {@code TestingCluster}, in this process), all on loopback. Each trial: a new version of a plugin installed on the first
 * node, then published, timed until every node runs it; then a release whose plugin fails on the canary, timed until
 * the fleet is back on the release before. Beside them, the same node's own figures for the same jars: an install
 * through its API, and an update that fails and is rolled back. Run with the JMH class path (curator-test, Gson), not by
 * the plain harness: see run.sh.
 */
public final class FleetMain {

    private static final String PLUGIN = "kiln.bench.fleet";
    private static final String PICKY = "kiln.bench.picky";
    private static final String REFUSE = "kiln-bench-refuse";
    private static final Duration WAIT = Duration.ofSeconds(120);

    private FleetMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of("launcher/target/kiln");
        Path work = Path.of("bench/target/bench-work/fleet");
        int trials = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--fleet" -> { }
                case "--kiln" -> dist = Path.of(args[++i]);
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("kiln-bench --fleet: unknown option " + args[i] + " (--kiln DIST, --trials N, --work DIR)");
            }
        }
        FileTrees.delete(work);
        Files.createDirectories(work);
        Path snapshot = KilnProduct.snapshot(dist, work.resolve("kiln-distribution"));
        KilnProduct kiln = new KilnProduct(snapshot, "");
        Path out = Files.createDirectories(work.resolve("probe-out"));
        List<Instance> instances = new ArrayList<>();
        List<AdminApi> nodes = new ArrayList<>();
        String loadBefore = ProcFs.loadAverage();
        TestingCluster zookeeper = new TestingCluster(3);
        try {
            zookeeper.start();
            for (String name : List.of("n1", "n2", "n3")) {
                Path home = work.resolve(name);
                FileTrees.copy(snapshot, home);
                Files.writeString(home.resolve("conf/io.kiln.fleet.cfg"), "connect = " + zookeeper.getConnectString()
                        + "\nfleet = bench\nnode = " + name + "\n", StandardCharsets.UTF_8);
                instances.add(Instance.launch(kiln, home, work.resolve(name + ".log")));
                nodes.add(AdminApi.await(home, WAIT));
            }
            AdminApi n1 = nodes.get(0);
            await(n1, "every node connected", f -> f.getAsJsonArray("nodes").size() == 3
                    && f.getAsJsonArray("nodes").asList().stream().allMatch(n -> n.getAsJsonObject().get("connected").getAsBoolean()));
            Files.writeString(work.resolve("n2").resolve(REFUSE), "the canary refuses " + PICKY, StandardCharsets.UTF_8);

            Samples install = new Samples();
            Samples rollout = new Samples();
            Samples lastNode = new Samples();
            Samples failedUpdate = new Samples();
            Samples fleetBack = new Samples();
            long rolloutId = 0;
            for (int trial = 0; trial <= trials; trial++) {
                boolean timed = trial > 0; // the first round warms every node up, untimed
                long t = System.nanoTime();
                post(n1, "api/v1/plugins", ProbeJar.activator(PLUGIN, "1." + trial + ".0", out));
                double installMillis = millis(t);
                long publishedMicros = Micros.now();
                t = System.nanoTime();
                JsonObject started = post(n1, "api/v1/fleet/publish", null);
                rolloutId = started.get("id").getAsLong();
                long id = rolloutId;
                JsonObject done = await(n1, "rollout " + id + " succeeded", f -> state(f, id).equals("SUCCEEDED"));
                double rolloutMillis = millis(t);
                double last = Micros.toMillis(lastReport(done) * 1000 - publishedMicros);

                t = System.nanoTime();
                HttpResponse<String> failed = n1.postBytes("api/v1/plugins", ProbeJar.failing(PLUGIN, "9." + trial + ".0", out),
                        "application/java-archive", WAIT);
                double failedMillis = millis(t);
                if (failed.statusCode() != 422 || !failed.body().contains("\"outcome\":\"ROLLED_BACK\"")) {
                    throw new IOException("the failing update was not rolled back: " + failed.statusCode() + " " + failed.body());
                }

                post(n1, "api/v1/plugins", ProbeJar.picky(PICKY, "1." + trial + ".0", out, REFUSE));
                t = System.nanoTime();
                rolloutId = post(n1, "api/v1/fleet/publish", null).get("id").getAsLong();
                long failing = rolloutId;
                await(n1, "rollout " + failing + " rolled back", f -> state(f, failing).equals("ROLLED_BACK"));
                double backMillis = millis(t);
                awaitGone(n1, PICKY);
                if (timed) {
                    install.add(installMillis);
                    rollout.add(rolloutMillis);
                    lastNode.add(last);
                    failedUpdate.add(failedMillis);
                    fleetBack.add(backMillis);
                }
                System.out.printf(Locale.ROOT, "  [fleet] trial %d%s: install %.1f ms, rollout %.1f ms (last node %.1f), failed update %.1f ms, fleet back %.1f ms%n",
                        trial, timed ? "" : " (warm-up)", installMillis, rolloutMillis, last, failedMillis, backMillis);
            }
            String report = String.format(Locale.ROOT, """
                    | figure (%d trials, 3 nodes, ZooKeeper ensemble of 3, loopback) | median | p95 |
                    |---|---:|---:|
                    | one node: a new version installed through its API (request to answer: validated, started, verified) | %.1f ms | %.1f ms |
                    | fleet: publish → every node runs it (request sent to the rollout's SUCCEEDED, polled every 10 ms) | %.1f ms | %.1f ms |
                    | fleet: publish → the last node's report written (its own clock, the same machine) | %.1f ms | %.1f ms |
                    | one node: an update whose activator throws, rolled back (request to answer) | %.1f ms | %.1f ms |
                    | fleet: publish of a release that fails on the canary → the fleet back on the release before (ROLLED_BACK) | %.1f ms | %.1f ms |

                    Load average (1, 5, 15 min) before: %s; after: %s. Settings: the fleet section's defaults (1 canary, maxUnavailable 1,
                    verifyMillis 0): the canary, then the publisher (which runs it already), then the third node.
                    """, install.count(), install.median(), install.percentile(95), rollout.median(), rollout.percentile(95),
                    lastNode.median(), lastNode.percentile(95), failedUpdate.median(), failedUpdate.percentile(95),
                    fleetBack.median(), fleetBack.percentile(95), loadBefore, ProcFs.loadAverage());
            Files.writeString(work.resolveSibling("fleet-results.md"), report, StandardCharsets.UTF_8);
            System.out.println();
            System.out.println(report);
        } catch (Exception | Error e) {
            // printed here: ZooKeeper's servers, closed below, may end the JVM as they go (their exit on a lost quorum)
            e.printStackTrace();
            throw e;
        } finally {
            for (Instance instance : instances) {
                instance.stop(Duration.ofSeconds(20));
            }
            zookeeper.close();
        }
    }

    private static double millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static String state(JsonObject fleet, long id) {
        JsonElement rollout = fleet.get("rollout");
        return rollout != null && rollout.isJsonObject() && rollout.getAsJsonObject().get("id").getAsLong() == id
                ? rollout.getAsJsonObject().get("state").getAsString() : "";
    }

    /** The newest {@code at} (ms since the epoch) of the nodes' reports. */
    private static long lastReport(JsonObject fleet) {
        return fleet.getAsJsonArray("nodes").asList().stream().map(n -> n.getAsJsonObject().getAsJsonObject("status"))
                .mapToLong(s -> s.get("at").getAsLong()).max().orElse(0);
    }

    private static JsonObject post(AdminApi node, String path, byte[] jar) throws IOException, InterruptedException {
        HttpResponse<String> response = node.postBytes(path, jar, "application/java-archive", WAIT);
        if (response.statusCode() >= 300) {
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private static JsonObject await(AdminApi node, String what, Predicate<JsonObject> done) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = node.get("api/v1/fleet");
            if (response.statusCode() == 200) {
                JsonObject fleet = JsonParser.parseString(response.body()).getAsJsonObject();
                if (done.test(fleet)) {
                    return fleet;
                }
            }
            Thread.sleep(10);
        }
        throw new IOException("gave up waiting for " + what + " after " + WAIT.toSeconds() + " s");
    }

    private static void awaitGone(AdminApi node, String plugin) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (node.get("api/v1/plugins/" + plugin).statusCode() != 404) {
            if (System.nanoTime() > deadline) {
                throw new IOException(plugin + " still on the publisher after the fleet's rollback");
            }
            Thread.sleep(10);
        }
    }
}
