package io.kiln.fleet.internal;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's side of the fleet: it works out which release the node should run (the fleet's current one, or the
 * rollout's if the coordinator admitted it), applies it through the engine when it runs another, and says how that
 * went. It never writes the fleet's release or rollout: a node that joins late or restarts converges to the fleet,
 * never the other way round.
 */
final class NodeAgent {

    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);

    private final String node;
    private final FleetStore store;
    private final ReleaseApplier applier;
    private final Supplier<String> apiUrl;
    private final Clock clock;
    private String secret;
    /** The last attempt that failed, so that it is not repeated at once (only when the rollout or the target changes, or later). */
    private String failedAttempt = "";
    private long failedAt;

    NodeAgent(String node, FleetStore store, ReleaseApplier applier, Supplier<String> apiUrl, Clock clock) {
        this.node = node;
        this.store = store;
        this.applier = applier;
        this.apiUrl = apiUrl;
        this.clock = clock;
    }

    /** One look at the fleet, and the change it asks of this node, if any. */
    void converge() throws Exception {
        if (secret == null) {
            secret = store.secret();
        }
        Optional<Versioned<Rollout>> rollout = store.rollout();
        String target = rollout.map(r -> r.value().releaseFor(node)).orElse(store.current());
        long rolloutId = rollout.map(r -> r.value().id()).orElse(0L);
        NodeStatus me = store.status(node).orElse(null);
        String running = me == null ? "" : me.release();
        // the publisher ran the rolled-back release as its own proposal, outside the fleet's records: it goes back too (for
        // a node that asked for a rollback without running the release, going from it to the previous one changes nothing)
        boolean publisherAfterRollback = rollout.isPresent() && rollout.get().value().state() == RolloutState.ROLLED_BACK
                && node.equals(rollout.get().value().requestedBy()) && (me == null || me.rollout() < rolloutId);
        if (publisherAfterRollback) {
            running = rollout.get().value().release();
        } else if (me != null && me.runs(target)) {
            if (!me.apiUrl().equals(apiUrl.get())) {
                store.writeStatus(new NodeStatus(node, me.release(), me.target(), me.rollout(), me.outcome(), me.message(), apiUrl.get(), me.at()));
            }
            return;
        }
        String attempt = rolloutId + "/" + target;
        if (attempt.equals(failedAttempt) && clock.millis() - failedAt < RolloutStep.RETRY_MILLIS) {
            return;
        }
        Optional<Release> from = store.release(running);
        Optional<Release> to = store.release(target);
        if (to.isEmpty()) {
            LOG.error("fleet: release {} is not in ZooKeeper; staying on {}", target, label(running));
            failedAttempt = attempt;
            failedAt = clock.millis();
            store.writeStatus(new NodeStatus(node, running, target, rolloutId, NodeOutcome.FAILED, "release " + target + " is not in ZooKeeper",
                    apiUrl.get(), clock.millis()));
            return;
        }
        store.writeStatus(new NodeStatus(node, running, target, rolloutId, NodeOutcome.APPLYING, "", apiUrl.get(), clock.millis()));
        LOG.info("fleet: applying release {} (rollout {}), from {}", label(target), rolloutId, label(running));
        ReleaseApplier.Applied applied = applier.apply(from.orElse(Release.NONE), to.get(), sources(to.get(), from.orElse(Release.NONE)), secret);
        if (applied.succeeded()) {
            failedAttempt = "";
            store.writeStatus(new NodeStatus(node, target, target, rolloutId, NodeOutcome.APPLIED, applied.changes() + " changes", apiUrl.get(), clock.millis()));
            LOG.info("fleet: release {} applied ({} changes)", label(target), applied.changes());
        } else {
            failedAttempt = attempt;
            failedAt = clock.millis();
            store.writeStatus(new NodeStatus(node, running, target, rolloutId, NodeOutcome.FAILED, applied.error(), apiUrl.get(), clock.millis()));
            LOG.error("fleet: release {} failed here, undone, still on {}: {}", label(target), label(running), applied.error());
        }
    }

    /**
     * Where the jars may be fetched: the publishers of the two releases, then the connected nodes that run the target
     * (they fetched its jars and serve them), then the other connected nodes.
     */
    private List<String> sources(Release to, Release from) throws Exception {
        Set<String> live = store.live();
        List<NodeStatus> others = store.statuses().values().stream().filter(s -> !s.node().equals(node) && live.contains(s.node()))
                .sorted(Comparator.comparing((NodeStatus s) -> !s.release().equals(to.id())).thenComparing(NodeStatus::node)).toList();
        LinkedHashSet<String> sources = new LinkedHashSet<>();
        for (String source : List.of(to.source(), from.source())) {
            if (!source.isEmpty()) {
                sources.add(source);
            }
        }
        others.stream().map(NodeStatus::apiUrl).filter(u -> !u.isEmpty()).forEach(sources::add);
        return List.copyOf(sources);
    }

    private static String label(String release) {
        return release.isEmpty() ? "no release" : release;
    }
}
