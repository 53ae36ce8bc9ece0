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
            Optional<Release> release = target.isEmpty() ? Optional.of(Release.NONE) : releaseCached(target);
            ReleaseApplier.Check check = release.map(applier::check).orElse(new ReleaseApplier.Check(List.of(), List.of()));
            // say how what it runs compares with the release: a canary that degrades fails its rollout; a change made here
            // by hand is shown, not undone (it is how the next release is prepared, on the node that will publish it)
            NodeOutcome outcome = check.unhealthy().isEmpty() ? NodeOutcome.APPLIED : NodeOutcome.FAILED;
            List<String> notes = new java.util.ArrayList<>();
            if (!check.unhealthy().isEmpty()) {
                notes.add("runs the release, unhealthy: " + String.join("; ", check.unhealthy()));
            }
            if (!check.drift().isEmpty()) {
                notes.add("changed here since: " + String.join("; ", check.drift()));
            }
            String message = !notes.isEmpty() ? String.join("; ", notes) : me.outcome() == NodeOutcome.APPLIED ? me.message()
                    : me.target().equals(target) ? "healthy again" : "runs " + label(target) + "; " + label(me.target()) + " failed here: " + me.message();
            long reportedRollout = outcome == me.outcome() ? me.rollout() : rolloutId;
            if (outcome != me.outcome() || !message.equals(me.message()) || !me.apiUrl().equals(apiUrl.get())) {
                if (!message.equals(me.message()) && !notes.isEmpty()) {
                    LOG.warn("fleet: release {} here: {}", label(target), message);
                }
                String reportedTarget = outcome == me.outcome() ? me.target() : target;
                store.writeStatus(new NodeStatus(node, me.release(), reportedTarget, reportedRollout, outcome, message, apiUrl.get(), clock.millis()));
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
        if (!(target.isEmpty() && running.isEmpty())) {
            LOG.info("fleet: applying release {} (rollout {}), from {}", label(target), rolloutId, label(running));
        }
        ReleaseApplier.Applied applied = applier.apply(from.orElse(Release.NONE), to.get(), sources(to.get(), from.orElse(Release.NONE)), secret);
        if (applied.succeeded()) {
            failedAttempt = "";
            String changes = applied.changes() == 1 ? "1 change" : applied.changes() + " changes";
            store.writeStatus(new NodeStatus(node, target, target, rolloutId, NodeOutcome.APPLIED, changes, apiUrl.get(), clock.millis()));
            LOG.info("fleet: release {} applied ({})", label(target), changes);
        } else {
            failedAttempt = attempt;
            failedAt = clock.millis();
            store.writeStatus(new NodeStatus(node, running, target, rolloutId, NodeOutcome.FAILED, applied.error(), apiUrl.get(), clock.millis()));
            LOG.error("fleet: release {} failed here{}, still on {}: {}", label(target), applied.undone() ? ", undone" : "", label(running), applied.error());
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

    private Release cached = Release.NONE;

    /** Releases never change once published: the one last read is kept. */
    private Optional<Release> releaseCached(String id) throws Exception {
        if (!cached.id().equals(id)) {
            Optional<Release> read = store.release(id);
            if (read.isEmpty()) {
                return read;
            }
            cached = read.get();
        }
        return Optional.of(cached);
    }

    private static String label(String release) {
        return release.isEmpty() ? "no release" : release;
    }
}
