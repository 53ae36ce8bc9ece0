package io.kiln.fleet.internal;

import java.util.List;
import java.util.Objects;

/**
 * One rollout of a release to the fleet, as kept in ZooKeeper: the state machine's whole state, so that any node
 * elected coordinator carries on from it.
 *
 * @param id          increasing, one per rollout
 * @param release     the release rolled out
 * @param previous    the fleet's release before it ({@code ""}: none), which a rollback returns to
 * @param state       where it is
 * @param paused      an operator paused it: no node is admitted until it is resumed
 * @param canaries    the nodes that take it first
 * @param admitted    the nodes allowed to run it so far (the canaries, then each batch)
 * @param since       when it entered its state (ms since the epoch)
 * @param batchSince  when the last nodes were admitted: the progress deadline counts from here
 * @param waiting     why it is not moving on, when it waits for a node ({@code ""}: not waiting)
 * @param failures    each failed node and why
 * @param reason      how it ended or why it is rolling back
 * @param requestedBy who started it (the node whose API was asked)
 * @param settings    how it proceeds, taken from the publisher's section when it started: every coordinator decides by
 *                    the same, as Kubernetes keeps a rollout's strategy in its spec
 */
record Rollout(long id, String release, String previous, RolloutState state, boolean paused, List<String> canaries,
        List<String> admitted, long since, long batchSince, String waiting, List<String> failures, String reason,
        String requestedBy, RolloutSettings settings) {

    Rollout {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(settings, "settings");
        canaries = List.copyOf(canaries);
        admitted = List.copyOf(admitted);
        failures = List.copyOf(failures);
        previous = previous == null ? "" : previous;
        waiting = waiting == null ? "" : waiting;
        reason = reason == null ? "" : reason;
        requestedBy = requestedBy == null ? "" : requestedBy;
    }

    Rollout moveTo(RolloutState next, long now) {
        return new Rollout(id, release, previous, next, paused, canaries, admitted, now, batchSince, "", failures, reason, requestedBy, settings);
    }

    Rollout admit(List<String> nodes, long now) {
        List<String> all = new java.util.ArrayList<>(admitted);
        nodes.stream().filter(n -> !all.contains(n)).forEach(all::add);
        return new Rollout(id, release, previous, state, paused, canaries, all, since, now, "", failures, reason, requestedBy, settings);
    }

    Rollout waitingFor(String why) {
        return why.equals(waiting) ? this
                : new Rollout(id, release, previous, state, paused, canaries, admitted, since, batchSince, why, failures, reason, requestedBy, settings);
    }

    Rollout failing(List<String> failed, String why, long now) {
        return new Rollout(id, release, previous, RolloutState.FAILED, paused, canaries, admitted, now, batchSince, "", failed, why, requestedBy, settings);
    }

    /** The progress deadline counts again from {@code now}: after a wait for disconnected nodes, or a coordinator's absence. */
    Rollout resumedAt(long now) {
        return new Rollout(id, release, previous, state, paused, canaries, admitted, since, now, "", failures, reason, requestedBy, settings);
    }

    Rollout pausing(boolean pause) {
        return new Rollout(id, release, previous, state, pause, canaries, admitted, since, batchSince, pause ? waiting : "", failures, reason,
                requestedBy, settings);
    }

    Rollout ending(RolloutState end, String why, long now) {
        return new Rollout(id, release, previous, end, paused, canaries, admitted, now, batchSince, "", failures, why, requestedBy, settings);
    }

    /** @return the release a node should run in this rollout's state, given whether it was admitted */
    String releaseFor(String node) {
        if (state == RolloutState.SUCCEEDED) {
            return release;
        }
        return state.forward() && admitted.contains(node) ? release : previous;
    }
}
