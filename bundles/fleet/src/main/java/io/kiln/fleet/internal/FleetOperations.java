package io.kiln.fleet.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an operator asks of the fleet through this node: publish, pause, resume, abort, roll back, and the view of
 * it. Each is a compare-and-set on the rollout's record: two operators at once, or an operator and the coordinator,
 * never both win.
 */
final class FleetOperations {

    private final String node;
    private final FleetStore store;
    private final RolloutStep step;
    private final Clock clock;

    FleetOperations(String node, FleetStore store, RolloutStep step, Clock clock) {
        this.node = node;
        this.store = store;
        this.step = step;
        this.clock = clock;
    }

    /** A way to make the release, run once the slot is claimed (it checks this node's plugins and keeps their jars). */
    interface ReleaseSource {
        Release build() throws Exception;
    }

    /**
     * Publishes a release and starts its rollout: claims the one rollout slot ({@link RolloutState#VALIDATING}),
     * validates and stores the release, then hands it to the canaries.
     *
     * @throws FleetRefusal if a rollout is running, or the release is not valid (then the rollout ends
     *                      {@link RolloutState#REFUSED} and no node is touched)
     */
    Rollout publish(ReleaseSource source) throws Exception {
        Optional<Versioned<Rollout>> last = store.rollout();
        if (last.isPresent() && !last.get().value().state().ended()) {
            Rollout running = last.get().value();
            throw new FleetRefusal("rollout " + running.id() + " of " + running.release() + " is " + running.state()
                    + "; wait for it, or abort it (kiln fleet abort)");
        }
        long now = clock.millis();
        long id = last.map(r -> r.value().id() + 1).orElse(1L);
        String current = store.current();
        Rollout claim = new Rollout(id, "", current, RolloutState.VALIDATING, false, List.of(), List.of(), now, now, "", List.of(), "", node,
                step.settings());
        java.util.OptionalInt claimed = store.start(claim, last);
        if (claimed.isEmpty()) {
            throw new FleetRefusal("another rollout was started at the same moment; see kiln fleet status");
        }
        int version = claimed.getAsInt();
        Release release;
        try {
            release = store.publish(source.build());
        } catch (FleetRefusal e) {
            endClaim(claim, e.getMessage(), version);
            throw e;
        } catch (Exception | Error e) {
            endClaim(claim, "not published: " + e, version);
            throw e;
        }
        List<String> canaries = step.canaries(store.live(), node);
        Rollout rollout = new Rollout(id, release.id(), current, RolloutState.CANARY, false, canaries, canaries, clock.millis(),
                clock.millis(), "", List.of(), "", node, step.settings());
        if (!store.update(rollout, version)) {
            throw new FleetRefusal("rollout " + id + " was changed while it was validated (aborted?); see kiln fleet status");
        }
        return rollout;
    }

    /** Ends the claim of a refused release; if that write fails too, the coordinator ends it (VALIDATING has a deadline). */
    private void endClaim(Rollout claim, String why, int version) {
        try {
            store.update(claim.ending(RolloutState.REFUSED, why, clock.millis()), version);
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(FleetOperations.class).warn("fleet: could not end rollout {} as refused: {}", claim.id(), e.toString());
        }
    }

    Rollout pause(boolean pause) throws Exception {
        Versioned<Rollout> running = running();
        if (!running.value().state().forward()) {
            throw new FleetRefusal("rollout " + running.value().id() + " is " + running.value().state() + ": there is nothing to "
                    + (pause ? "pause" : "resume"));
        }
        if (running.value().paused() == pause) {
            return running.value();
        }
        Rollout next = running.value().pausing(pause);
        if (!store.update(next, running.version())) {
            throw new FleetRefusal("the rollout changed meanwhile; try again");
        }
        return next;
    }

    /** Stops the running rollout and rolls back the nodes that applied it. */
    Rollout abort() throws Exception {
        Versioned<Rollout> running = running();
        if (running.value().state() == RolloutState.ROLLING_BACK || running.value().state() == RolloutState.FAILED) {
            throw new FleetRefusal("rollout " + running.value().id() + " is already " + running.value().state());
        }
        Rollout next = running.value().state() == RolloutState.VALIDATING
                ? running.value().ending(RolloutState.REFUSED, "aborted by an operator on " + node + " while it was validated", clock.millis())
                : running.value().failing(List.of(), "aborted by an operator on " + node, clock.millis());
        if (!store.update(next, running.version())) {
            throw new FleetRefusal("the rollout changed meanwhile; try again");
        }
        return next;
    }

    /** Rolls the fleet out to the release it ran before its current one: a rollout like any other, canary first. */
    Rollout rollback() throws Exception {
        Optional<Versioned<Rollout>> last = store.rollout();
        if (last.isPresent() && !last.get().value().state().ended()) {
            throw new FleetRefusal("rollout " + last.get().value().id() + " is " + last.get().value().state()
                    + "; abort it (kiln fleet abort) to roll its nodes back");
        }
        String current = store.current();
        if (current.isEmpty()) {
            throw new FleetRefusal("the fleet has no release yet");
        }
        String before = store.history(Integer.MAX_VALUE).stream()
                .filter(r -> r.state() == RolloutState.SUCCEEDED && r.release().equals(current)).findFirst()
                .map(Rollout::previous).orElse("");
        if (before.isEmpty()) {
            throw new FleetRefusal(current + " is the fleet's first release: there is none before it");
        }
        Release release = store.release(before).orElseThrow(() -> new FleetRefusal("release " + before + " is gone from ZooKeeper"));
        return publish(() -> release);
    }

    /** Forgets a node that left the fleet for good, so that rollouts stop waiting for it; a connected one is refused. */
    boolean forget(String gone) throws Exception {
        if (store.live().contains(gone)) {
            throw new FleetRefusal(gone + " is connected: stop it (or remove its conf/io.kiln.fleet.cfg) before the fleet forgets it");
        }
        if (!store.forget(gone)) {
            throw new FleetRefusal("the fleet knows no node " + gone);
        }
        return true;
    }

    FleetView view(boolean connected, boolean coordinator, String fleet) throws Exception {
        if (!connected) {
            return new FleetView(fleet, node, false, false, "", null, List.of());
        }
        Map<String, NodeStatus> statuses = store.statuses();
        Set<String> live = store.live();
        TreeSet<String> known = new TreeSet<>(statuses.keySet());
        known.addAll(live);
        return new FleetView(fleet, node, true, coordinator, store.current(), store.rollout().map(Versioned::value).orElse(null),
                known.stream().map(n -> new FleetView.NodeView(n, live.contains(n), statuses.get(n))).toList());
    }

    List<Rollout> history(int limit) throws Exception {
        return store.history(limit);
    }

    private Versioned<Rollout> running() throws Exception {
        Versioned<Rollout> running = store.rollout().orElseThrow(() -> new FleetRefusal("no rollout has run yet"));
        if (running.value().state().ended()) {
            throw new FleetRefusal("rollout " + running.value().id() + " has ended (" + running.value().state() + ")");
        }
        return running;
    }
}
