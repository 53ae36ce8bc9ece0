package io.kiln.fleet.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.PluginService;

/**
 * This Kiln as a node of a fleet, while {@code conf/io.kiln.fleet.cfg} says so: its ZooKeeper session, its presence
 * (an ephemeral znode), its agent that converges it to the fleet's release, and its place in the election of the
 * coordinator. A changed section ends the node and starts it again with the new settings.
 */
@Component(service = FleetNode.class, configurationPid = "io.kiln.fleet", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FleetConfiguration.class)
public final class FleetNode {

    private static final Logger LOG = LoggerFactory.getLogger(FleetNode.class);
    private static final long IDLE_LOOK_MILLIS = 1_000;

    private final String fleet;
    private final String node;
    private final String connect;
    private final CuratorFramework zk;
    private final FleetStore store;
    private final CuratorCache cache;
    private final PersistentNode presence;
    private final LeaderLatch election;
    private final BlobStore blobs;
    private final FleetOperations operations;
    private final ReleaseBuilder releases;
    private final List<String> sections;
    private final Wakeup agentWakeup = new Wakeup();
    private final Wakeup coordinatorWakeup = new Wakeup();
    private final ExecutorService loops;
    private volatile String apiUrl = "";

    @Activate
    public FleetNode(BundleContext context, FleetConfiguration config, @Reference PluginService plugins,
            @Reference ConfigService sectionsService) throws Exception {
        this.fleet = config.fleet();
        this.connect = config.connect();
        this.node = nodeName(config.node());
        FleetPaths paths = new FleetPaths(fleet);
        RolloutSettings settings = new RolloutSettings(config.canaries(), config.maxUnavailable(), config.failureThreshold(),
                config.verifyMillis(), config.progressDeadlineMillis());
        this.sections = config.sections() == null ? List.of() : Arrays.stream(config.sections()).map(String::trim).filter(s -> !s.isEmpty()).toList();
        Path data = folder(context, "kiln.data");
        Path hot = folder(context, "kiln.hot");
        this.blobs = new BlobStore(data.resolve("fleet").resolve("blobs"));
        this.releases = new ReleaseBuilder(plugins, sectionsService, blobs, hot, folder(context, "kiln.conf"));
        this.zk = CuratorFrameworkFactory.builder().connectString(config.connect()).sessionTimeoutMs(config.sessionTimeoutMillis())
                .connectionTimeoutMs(config.connectionTimeoutMillis()).retryPolicy(new ExponentialBackoffRetry(200, 10, 5_000)).build();
        this.store = new FleetStore(zk, paths);
        Clock clock = Clock.systemUTC();
        RolloutStep step = new RolloutStep(settings);
        this.operations = new FleetOperations(node, store, step, clock);
        this.cache = CuratorCache.build(zk, paths.root());
        this.presence = new PersistentNode(zk, CreateMode.EPHEMERAL, false, paths.live(node), new byte[0]);
        this.election = new LeaderLatch(zk, paths.coordinator(), node);
        zk.start();
        cache.listenable().addListener((type, before, after) -> {
            agentWakeup.signal();
            coordinatorWakeup.signal();
        });
        cache.start();
        presence.start();
        election.start();
        NodeAgent agent = new NodeAgent(node, store, new ReleaseApplier(plugins, sectionsService, blobs, hot), () -> apiUrl, clock);
        Coordinator coordinator = new Coordinator(store, step, election::hasLeadership, clock);
        this.loops = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "kiln-fleet-" + node);
            thread.setDaemon(true);
            return thread;
        });
        loops.execute(() -> loop("node", agentWakeup, agent::converge));
        loops.execute(() -> loop("coordinator", coordinatorWakeup, coordinator::drive));
        LOG.info("fleet {}: node {} joining through ZooKeeper at {}", fleet, node, config.connect());
    }

    @Deactivate
    void deactivate() {
        loops.shutdownNow();
        closeQuietly(election);
        closeQuietly(presence);
        closeQuietly(cache);
        zk.close();
        LOG.info("fleet {}: node {} left", fleet, node);
    }

    /** The admin API's address, which this node tells the fleet (the others fetch jars from it). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, updated = "updatedEndpoint", unbind = "unbindEndpoint")
    void bindEndpoint(HttpServiceRuntime runtime, Map<String, Object> properties) {
        Object endpoints = properties.get(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT);
        String first = endpoints instanceof String[] list && list.length > 0 ? list[0]
                : endpoints instanceof java.util.Collection<?> c && !c.isEmpty() ? String.valueOf(c.iterator().next())
                : endpoints instanceof String one ? one : "";
        apiUrl = first;
        agentWakeup.signal();
    }

    void updatedEndpoint(HttpServiceRuntime runtime, Map<String, Object> properties) {
        bindEndpoint(runtime, properties);
    }

    void unbindEndpoint(HttpServiceRuntime runtime) {
        apiUrl = "";
    }

    String name() {
        return node;
    }

    FleetOperations operations() {
        return operations;
    }

    BlobStore blobs() {
        return blobs;
    }

    String secret() throws Exception {
        return store.secret();
    }

    /** @return the fleet as ZooKeeper has it, or only this node's name and "disconnected" while ZooKeeper cannot answer */
    FleetView view() throws Exception {
        boolean connected = zk.getZookeeperClient().isConnected();
        try {
            return operations.view(connected, connected && election.hasLeadership(), fleet);
        } catch (org.apache.zookeeper.KeeperException.ConnectionLossException | org.apache.zookeeper.KeeperException.SessionExpiredException e) {
            return operations.view(false, false, fleet);
        }
    }

    /** @throws FleetRefusal while ZooKeeper is out of reach: nothing can be published or changed then */
    void requireConnected() throws FleetRefusal {
        if (!zk.getZookeeperClient().isConnected()) {
            throw new FleetRefusal("this node is not connected to ZooKeeper (" + connect + "); it runs what it last applied");
        }
    }

    Rollout publish() throws Exception {
        requireConnected();
        if (apiUrl.isEmpty()) {
            throw new FleetRefusal("not published: this node's admin API is not up, and the others would fetch the jars from it");
        }
        Rollout rollout = operations.publish(() -> releases.build(node, apiUrl, sections, System.currentTimeMillis()));
        coordinatorWakeup.signal();
        return rollout;
    }

    private void loop(String role, Wakeup wakeup, Step step) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (zk.getZookeeperClient().isConnected()) {
                    step.run();
                }
                wakeup.await(IDLE_LOOK_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // ZooKeeper unreachable or quorum lost: keep running what was applied, look again shortly
                LOG.warn("fleet {}: {} step failed: {}", fleet, role, e.toString());
                try {
                    wakeup.await(IDLE_LOOK_MILLIS);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static String nodeName(String configured) throws IOException {
        String name = configured == null || configured.isBlank() ? InetAddress.getLocalHost().getHostName() : configured.trim();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("io.kiln.fleet: node must be letters, digits, '.', '_' and '-', not '" + name + "'");
        }
        return name;
    }

    private static Path folder(BundleContext context, String property) {
        String value = context.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the framework property " + property + " is not set (conf/kiln.properties)");
        }
        return Path.of(value.trim());
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing {}: {}", closeable, e.toString());
        }
    }
}
