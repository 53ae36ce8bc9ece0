package io.kiln.fleet.internal;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.PluginService;

/**
 * This node's membership of the fleet while it lasts: the ZooKeeper session, the presence (an ephemeral znode), the
 * election of the coordinator, and the two loops — the node agent and, while elected, the coordinator — each woken by
 * any change under the fleet's znodes or every second.
 */
final class FleetMember implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(FleetMember.class);
    private static final long IDLE_LOOK_MILLIS = 1_000;
    /** How long leaving waits for a release being applied: the engine's own bound on a plugin's lifecycle is 5 s. */
    private static final long STOP_MILLIS = 30_000;

    private final FleetSettings settings;
    private final CuratorFramework zk;
    private final FleetStore store;
    private final CuratorCache cache;
    private final PersistentNode presence;
    private final LeaderLatch election;
    private final FleetOperations operations;
    private final Wakeup agentWakeup = new Wakeup();
    private final Wakeup coordinatorWakeup = new Wakeup();
    private final ExecutorService loops;
    private volatile String secret;
    private volatile boolean stopping;
    private final FleetPaths paths;
    private volatile boolean named;
    private long heldSince;
    private boolean toldHeld;
    private volatile FleetView lastView;

    FleetMember(FleetSettings settings, PluginService plugins, ConfigService config, BlobStore blobs, Supplier<String> apiUrl) {
        this.settings = settings;
        this.paths = new FleetPaths(settings.fleet());
        this.zk = CuratorFrameworkFactory.builder().connectString(settings.connect()).sessionTimeoutMs(settings.sessionTimeoutMillis())
                .connectionTimeoutMs(settings.connectionTimeoutMillis()).retryPolicy(new ExponentialBackoffRetry(200, 10, 5_000)).build();
        this.store = new FleetStore(zk, paths);
        Clock clock = Clock.systemUTC();
        RolloutStep step = new RolloutStep(settings.rollout());
        this.operations = new FleetOperations(settings.node(), store, step, clock);
        // only to wake the loops: the records are read when a loop runs, so none is kept in memory
        this.cache = CuratorCache.builder(zk, paths.root()).withStorage(org.apache.curator.framework.recipes.cache.CuratorCacheStorage.dataNotCached()).build();
        this.presence = new PersistentNode(zk, CreateMode.EPHEMERAL, false, paths.live(settings.node()), new byte[0]);
        this.election = new LeaderLatch(zk, paths.coordinator(), settings.node());
        zk.start();
        cache.listenable().addListener((type, before, after) -> wake());
        cache.start();
        try {
            election.start();
        } catch (Exception e) {
            throw new IllegalStateException("the coordinator's election did not start: " + e, e);
        }
        NodeAgent agent = new NodeAgent(settings.node(), store, new ReleaseApplier(plugins, config, blobs), apiUrl, clock);
        Coordinator coordinator = new Coordinator(store, election::hasLeadership, clock);
        java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
        this.loops = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "kiln-fleet-" + (threads.getAndIncrement() == 0 ? "node" : "coordinator"));
            thread.setDaemon(true);
            return thread;
        });
        loops.execute(() -> loop("node", agentWakeup, () -> {
            if (claimName()) {
                agent.converge();
            }
        }));
        loops.execute(() -> loop("coordinator", coordinatorWakeup, coordinator::drive));
        LOG.info("fleet {}: node {} joining through ZooKeeper at {}", settings.fleet(), settings.node(), settings.connect());
    }

    /**
     * Takes this node's name in the fleet (its ephemeral presence) before anything else: a name held by another session
     * is this node's own last one until that session times out (after a crash), or another process with the same name.
     */
    private boolean claimName() throws Exception {
        if (named) {
            return true;
        }
        org.apache.zookeeper.data.Stat held = zk.checkExists().forPath(paths.live(settings.node()));
        long mine = zk.getZookeeperClient().getZooKeeper().getSessionId();
        if (held == null || held.getEphemeralOwner() == mine) {
            presence.start();
            named = true;
            return true;
        }
        long now = System.currentTimeMillis();
        if (heldSince == 0) {
            heldSince = now;
        } else if (now - heldSince > 2L * settings.sessionTimeoutMillis() && !toldHeld) {
            toldHeld = true;
            LOG.error("{}: node {} is connected to the fleet from another process (its name is held past two session timeouts); "
                    + "this node stays out until the name is free: give each node its own name", FleetSettings.FILE, settings.node());
        }
        return false;
    }

    void wake() {
        agentWakeup.signal();
        coordinatorWakeup.signal();
    }

    boolean connected() {
        return zk.getZookeeperClient().isConnected();
    }

    /** @throws FleetRefusal while ZooKeeper is out of reach: nothing can be published or changed then */
    void requireConnected() throws FleetRefusal {
        if (!connected()) {
            throw new FleetRefusal("this node is not connected to ZooKeeper (" + settings.connect() + "); it runs what it last applied");
        }
    }

    FleetOperations operations() {
        return operations;
    }

    /** @return the fleet's secret if it was read already */
    java.util.Optional<String> knownSecret() {
        return java.util.Optional.ofNullable(secret);
    }

    /** @return the fleet's secret, read once (it never changes) */
    String secret() throws Exception {
        String known = secret;
        if (known == null) {
            known = store.secret();
            secret = known;
        }
        return known;
    }

    /** @return the fleet as ZooKeeper has it, or as it was last seen (marked disconnected) while ZooKeeper cannot answer */
    FleetView view() throws Exception {
        boolean connected = connected();
        FleetView seen = lastView;
        if (!connected && seen != null) {
            return seen.disconnected();
        }
        try {
            FleetView view = operations.view(connected, connected && election.hasLeadership(), settings.fleet());
            if (connected) {
                lastView = view;
            }
            return view;
        } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException e) {
            return seen != null ? seen.disconnected() : operations.view(false, false, settings.fleet());
        }
    }

    private void loop(String role, Wakeup wakeup, Step step) {
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            try {
                if (connected()) {
                    step.run();
                }
                wakeup.await(IDLE_LOOK_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // ZooKeeper unreachable or quorum lost: keep running what was applied, look again shortly
                LOG.warn("fleet {}: {} step failed: {}", settings.fleet(), role, e.toString());
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

    /**
     * Leaves the fleet: no new step starts, a release being applied is given the time to finish (its transactions are
     * the engine's and end cleanly), then the session ends and with it this node's presence.
     */
    @Override
    public void close() {
        stopping = true;
        wake();
        loops.shutdown();
        try {
            if (!loops.awaitTermination(STOP_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                LOG.warn("fleet {}: a step did not end within {} ms of leaving; interrupting it", settings.fleet(), STOP_MILLIS);
                loops.shutdownNow();
            }
        } catch (InterruptedException e) {
            loops.shutdownNow();
            Thread.currentThread().interrupt();
        }
        closeQuietly(election);
        if (named && connected()) {
            // a node that stops cleanly leaves the fleet: rollouts do not wait for it, and it converges when it returns
            try {
                store.forget(settings.node());
            } catch (Exception e) {
                LOG.debug("fleet {}: could not remove this node's status as it left: {}", settings.fleet(), e.toString());
            }
        }
        closeQuietly(presence);
        closeQuietly(cache);
        zk.close();
        LOG.info("fleet {}: node {} left", settings.fleet(), settings.node());
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing {}: {}", closeable, e.toString());
        }
    }
}
