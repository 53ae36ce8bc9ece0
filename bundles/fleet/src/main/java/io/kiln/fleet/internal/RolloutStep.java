package io.kiln.fleet.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The coordinator's one decision: given the rollout, what every node last said and which nodes are connected now,
 * the rollout's next state. A pure function of its arguments (the clock is one of them; the settings are the rollout's
 * own), so that the state machine is tested without ZooKeeper and any newly elected coordinator decides as the last
 * one would have.
 */
final class RolloutStep {

    /** Retry a failed attempt outside a rollout's admission this long after it failed (a tolerated node, say). */
    static final long RETRY_MILLIS = 60_000;

    /** The publisher's settings, for the canaries of a rollout it starts; a running rollout carries its own. */
    private final RolloutSettings settings;

    RolloutStep(RolloutSettings settings) {
        this.settings = settings;
    }

    RolloutSettings settings() {
        return settings;
    }

    /**
     * The canaries of a new rollout: the first connected nodes by name, other than the publisher where there are
     * others (the publisher already runs what it published, so it would prove nothing).
     */
    List<String> canaries(Set<String> live, String publisher) {
        List<String> candidates = new ArrayList<>(new TreeSet<>(live));
        if (candidates.size() > 1) {
            candidates.remove(publisher);
        }
        return List.copyOf(candidates.subList(0, Math.min(settings.canaries(), candidates.size())));
    }

    /** @return the rollout's next state, or the same object when nothing changes */
    Rollout next(Rollout rollout, Map<String, NodeStatus> statuses, Set<String> live, long now) {
        return switch (rollout.state()) {
            case SUCCEEDED, REFUSED, ROLLED_BACK -> rollout;
            case VALIDATING -> validating(rollout, live, now);
            case CANARY, VERIFYING, PROGRESSING -> forward(rollout, statuses, live, now);
            case FAILED -> rollout.moveTo(RolloutState.ROLLING_BACK, now);
            case ROLLING_BACK -> back(rollout, statuses, live, now);
        };
    }

    /** A publisher that left while validating, or takes past the deadline, leaves the slot: nobody else would end it. */
    private Rollout validating(Rollout rollout, Set<String> live, long now) {
        if (!live.contains(rollout.requestedBy())) {
            return rollout.ending(RolloutState.REFUSED, rollout.requestedBy() + " left while it validated the release", now);
        }
        if (now - rollout.since() > rollout.settings().deadlineMillis()) {
            return rollout.ending(RolloutState.REFUSED, rollout.requestedBy() + " did not finish validating within the progress deadline of "
                    + rollout.settings().deadlineMillis() + " ms", now);
        }
        return rollout;
    }

    private Rollout forward(Rollout rollout, Map<String, NodeStatus> statuses, Set<String> live, long now) {
        RolloutSettings settings = rollout.settings();
        if (rollout.waiting().endsWith(DISCONNECTED) && rollout.admitted().stream().allMatch(n -> live.contains(n) || !statuses.containsKey(n))) {
            // they are back: their time to report counts from now, not from when they were admitted
            return rollout.resumedAt(now);
        }
        List<String> failed = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (String node : rollout.admitted()) {
            NodeStatus status = statuses.get(node);
            if (status == null && !live.contains(node)) {
                continue; // forgotten (kiln fleet forget), or gone before it ever reported: nothing to wait for
            }
            if (status != null && status.failed(rollout.id(), rollout.release())) {
                failed.add(node + ": " + status.message());
            } else if (rollout.state() == RolloutState.VERIFYING && !live.contains(node)) {
                unreachable.add(node); // a canary must stay connected to be verified: its health is what it reports
            } else if (status == null || !status.runs(rollout.release())) {
                if (!live.contains(node)) {
                    unreachable.add(node);
                } else if (now - rollout.batchSince() > settings.deadlineMillis()) {
                    failed.add(node + ": no report within the progress deadline of " + settings.deadlineMillis() + " ms");
                } else {
                    pending.add(node);
                }
            }
        }
        boolean canaryFailed = failed.stream().anyMatch(f -> rollout.canaries().stream().anyMatch(c -> f.startsWith(c + ": ")));
        long failedAfterCanaries = failed.stream().filter(f -> rollout.canaries().stream().noneMatch(c -> f.startsWith(c + ": "))).count();
        if (canaryFailed || failedAfterCanaries > settings.failureThreshold()) {
            return rollout.failing(failed, (canaryFailed ? "the canary failed" : failedAfterCanaries + (failedAfterCanaries == 1 ? " node" : " nodes")
                    + " failed, more than the threshold of "
                    + settings.failureThreshold()) + ": " + String.join("; ", failed), now);
        }
        if (!unreachable.isEmpty()) {
            // a node cut off may still apply the release when it returns; going on past it would hide that
            return rollout.waitingFor("waiting for " + String.join(", ", unreachable) + DISCONNECTED);
        }
        if (!pending.isEmpty()) {
            return rollout.waitingFor("");
        }
        // every admitted node runs the release
        return switch (rollout.state()) {
            case CANARY -> rollout.moveTo(RolloutState.VERIFYING, now);
            case VERIFYING -> now - rollout.since() >= settings.verifyMillis() ? admitNext(rollout.moveTo(RolloutState.PROGRESSING, now), statuses, live, now)
                    : rollout.waitingFor("");
            default -> admitNext(rollout, statuses, live, now);
        };
    }

    private static final String DISCONNECTED = " (disconnected)";

    private Rollout admitNext(Rollout rollout, Map<String, NodeStatus> statuses, Set<String> live, long now) {
        if (rollout.paused()) {
            return rollout.waitingFor("paused");
        }
        TreeSet<String> known = new TreeSet<>(live);
        known.addAll(statuses.keySet());
        List<String> rest = known.stream().filter(n -> !rollout.admitted().contains(n)).toList();
        List<String> reachable = rest.stream().filter(live::contains).toList();
        if (reachable.isEmpty()) {
            if (!rest.isEmpty()) {
                return rollout.waitingFor("waiting for " + String.join(", ", rest) + DISCONNECTED);
            }
            List<String> without = rollout.admitted().stream()
                    .filter(n -> statuses.get(n) == null || !statuses.get(n).runs(rollout.release())).toList();
            return rollout.ending(RolloutState.SUCCEEDED, without.isEmpty() ? "every node runs " + rollout.release()
                    : "every node runs " + rollout.release() + " but " + String.join(", ", without) + " (failed, within the threshold of "
                            + rollout.settings().failureThreshold() + ")", now);
        }
        return rollout.admit(reachable.subList(0, Math.min(rollout.settings().maxUnavailable(), reachable.size())), now);
    }

    private Rollout back(Rollout rollout, Map<String, NodeStatus> statuses, Set<String> live, long now) {
        List<String> still = new ArrayList<>();
        List<String> stuck = new ArrayList<>();
        boolean late = now - rollout.since() > rollout.settings().deadlineMillis();
        for (NodeStatus status : statuses.values()) {
            boolean applyingIt = status.outcome() == NodeOutcome.APPLYING && status.target().equals(rollout.release());
            if ((status.release().equals(rollout.release()) || applyingIt) && !rollout.release().equals(rollout.previous())) {
                if (status.failed(rollout.id(), rollout.previous())) {
                    stuck.add(status.node() + ": " + status.message());
                } else if (live.contains(status.node())) {
                    if (late) {
                        stuck.add(status.node() + ": did not roll back within the progress deadline of " + rollout.settings().deadlineMillis() + " ms");
                    } else {
                        still.add(status.node());
                    }
                }
                // a node cut off goes back when it returns: it converges to the fleet's release like a late joiner
            }
        }
        if (!still.isEmpty()) {
            return rollout.waitingFor("rolling back " + String.join(", ", still));
        }
        return rollout.ending(RolloutState.ROLLED_BACK, rollout.reason()
                + (stuck.isEmpty() ? "" : "; could not roll back " + String.join("; ", stuck)), now);
    }
}
