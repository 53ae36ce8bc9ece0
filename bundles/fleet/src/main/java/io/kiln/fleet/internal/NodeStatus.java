package io.kiln.fleet.internal;

/**
 * What a node last said of itself, kept in ZooKeeper (persistent: it outlives the node's session, so the fleet
 * knows what a disconnected node runs).
 *
 * @param node     its name
 * @param release  the release it runs ({@code ""}: none of the fleet's yet)
 * @param target   the release its last attempt was for
 * @param rollout  the rollout that attempt belonged to (0: converging outside a rollout)
 * @param outcome  how that attempt ended
 * @param message  why it failed, or what it did
 * @param apiUrl   its admin API, where it serves the jars it holds
 * @param at       milliseconds since the epoch
 */
record NodeStatus(String node, String release, String target, long rollout, NodeOutcome outcome, String message,
        String apiUrl, long at) {

    /** @return whether the node runs {@code releaseId}, having applied it without failure */
    boolean runs(String releaseId) {
        return release.equals(releaseId) && outcome != NodeOutcome.APPLYING;
    }

    /** @return whether its last attempt, for this rollout and this target, failed */
    boolean failed(long rolloutId, String releaseId) {
        return rollout == rolloutId && target.equals(releaseId) && outcome == NodeOutcome.FAILED;
    }
}
