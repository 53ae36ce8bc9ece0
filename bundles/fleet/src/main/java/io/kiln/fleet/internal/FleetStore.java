package io.kiln.fleet.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Reads and writes the fleet's records ({@link FleetPaths}). Every change of the rollout is a compare-and-set on its
 * znode's version, and ZooKeeper accepts a write only with a quorum: a node on the minority side of a partition, or
 * a coordinator that lost its election without knowing it yet, cannot move a rollout.
 */
final class FleetStore {

    private final CuratorFramework zk;
    private final FleetPaths paths;

    FleetStore(CuratorFramework zk, FleetPaths paths) {
        this.zk = zk;
        this.paths = paths;
    }

    FleetPaths paths() {
        return paths;
    }

    /** @return the fleet's secret, made by the first node that asks (ZooKeeper decides which one's is kept) */
    String secret() throws Exception {
        try {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            zk.create().creatingParentsIfNeeded().forPath(paths.secret(), HexFormat.of().formatHex(random).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (KeeperException.NodeExistsException e) {
            // another node made it first: its secret is the fleet's
        }
        return new String(zk.getData().forPath(paths.secret()), java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Deletes what a node last said, for a node that has left the fleet for good. @return whether there was a record */
    boolean forget(String node) throws Exception {
        try {
            zk.delete().forPath(paths.status(node));
            return true;
        } catch (KeeperException.NoNodeException e) {
            return false;
        }
    }

    /** Stores a release; ZooKeeper names it, in order. @return it, with its id */
    Release publish(Release release) throws Exception {
        String path = zk.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                .forPath(paths.releasePrefix(), FleetJson.bytes(release.withId("")));
        String id = path.substring(paths.releases().length() + 1);
        return release.withId(id);
    }

    Optional<Release> release(String id) throws Exception {
        if (id.isEmpty()) {
            return Optional.of(Release.NONE);
        }
        try {
            return Optional.of(FleetJson.read(zk.getData().forPath(paths.release(id)), Release.class, paths.release(id)).withId(id));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        }
    }

    /** @return the release the fleet runs: the last one rolled out to every node ({@code ""}: none yet) */
    String current() throws Exception {
        try {
            return new String(zk.getData().forPath(paths.current()), java.nio.charset.StandardCharsets.UTF_8);
        } catch (KeeperException.NoNodeException e) {
            return "";
        }
    }

    Optional<Versioned<Rollout>> rollout() throws Exception {
        try {
            Stat stat = new Stat();
            byte[] data = zk.getData().storingStatIn(stat).forPath(paths.rollout());
            return Optional.of(new Versioned<>(FleetJson.read(data, Rollout.class, paths.rollout()), stat.getVersion()));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts a rollout in the one slot there is: only if the last one has ended (or there was none). Idempotent under
     * Curator's retries: a write that reached ZooKeeper before the connection dropped is not taken for another's.
     *
     * @param last the rollout read before, whose version must still be the znode's; empty for the first rollout
     * @return the znode's version after the write, to compare-and-set the next one against; empty if another node
     *         changed the slot first
     */
    java.util.OptionalInt start(Rollout rollout, Optional<Versioned<Rollout>> last) throws Exception {
        try {
            Stat stat = new Stat();
            if (last.isEmpty()) {
                zk.create().idempotent().creatingParentsIfNeeded().storingStatIn(stat).forPath(paths.rollout(), FleetJson.bytes(rollout));
            } else {
                stat = zk.setData().idempotent().withVersion(last.get().version()).forPath(paths.rollout(), FleetJson.bytes(rollout));
            }
            return java.util.OptionalInt.of(stat.getVersion());
        } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException e) {
            return java.util.OptionalInt.empty();
        }
    }

    /**
     * Moves the rollout on, if nobody else did since it was read. A rollout that ends is also kept in the history, and
     * one that succeeded becomes the fleet's current release, in the same transaction.
     *
     * @return whether it was written
     */
    boolean update(Rollout next, int version) throws Exception {
        List<CuratorOp> ops = new ArrayList<>();
        ops.add(zk.transactionOp().setData().withVersion(version).forPath(paths.rollout(), FleetJson.bytes(next)));
        if (next.state().ended()) {
            zk.createContainers(paths.rollouts());
            ops.add(zk.transactionOp().create().forPath(paths.endedRollout(next.id()), FleetJson.bytes(next)));
            if (next.state() == RolloutState.SUCCEEDED) {
                byte[] release = next.release().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ops.add(zk.checkExists().forPath(paths.current()) == null
                        ? zk.transactionOp().create().forPath(paths.current(), release)
                        : zk.transactionOp().setData().forPath(paths.current(), release));
            }
        }
        try {
            zk.transaction().forOperations(ops);
            return true;
        } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException e) {
            return false;
        }
    }

    /** @return every ended rollout, the newest first, at most {@code limit} */
    List<Rollout> history(int limit) throws Exception {
        if (zk.checkExists().forPath(paths.rollouts()) == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(new TreeSet<>(zk.getChildren().forPath(paths.rollouts())).descendingSet());
        List<Rollout> rollouts = new ArrayList<>();
        for (String id : ids.subList(0, Math.min(limit, ids.size()))) {
            String path = paths.rollouts() + "/" + id;
            rollouts.add(FleetJson.read(zk.getData().forPath(path), Rollout.class, path));
        }
        return rollouts;
    }

    /** @return what every node last said, by name */
    Map<String, NodeStatus> statuses() throws Exception {
        Map<String, NodeStatus> statuses = new TreeMap<>();
        if (zk.checkExists().forPath(paths.statuses()) == null) {
            return statuses;
        }
        for (String node : zk.getChildren().forPath(paths.statuses())) {
            try {
                statuses.put(node, FleetJson.read(zk.getData().forPath(paths.status(node)), NodeStatus.class, paths.status(node)));
            } catch (KeeperException.NoNodeException e) {
                // removed between the listing and the read
            }
        }
        return statuses;
    }

    Optional<NodeStatus> status(String node) throws Exception {
        try {
            return Optional.of(FleetJson.read(zk.getData().forPath(paths.status(node)), NodeStatus.class, paths.status(node)));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        }
    }

    void writeStatus(NodeStatus status) throws Exception {
        byte[] data = FleetJson.bytes(status);
        try {
            zk.setData().forPath(paths.status(status.node()), data);
        } catch (KeeperException.NoNodeException e) {
            zk.create().creatingParentsIfNeeded().forPath(paths.status(status.node()), data);
        }
    }

    /** @return the nodes connected now */
    Set<String> live() throws Exception {
        if (zk.checkExists().forPath(paths.lives()) == null) {
            return Set.of();
        }
        return new TreeSet<>(zk.getChildren().forPath(paths.lives()));
    }
}
