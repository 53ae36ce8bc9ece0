package io.kiln.fleet.internal;

/**
 * Where a rollout is. It moves forward only, through the coordinator (or an operator's abort), each step a
 * compare-and-set of the rollout's record in ZooKeeper:
 * {@code VALIDATING → CANARY → VERIFYING → PROGRESSING → SUCCEEDED}, or from any of the middle three
 * {@code FAILED → ROLLING_BACK → ROLLED_BACK}; {@code VALIDATING} may end in {@code REFUSED}.
 */
enum RolloutState {
    /** The publisher checks the release (jars readable, their hashes, sections known); no node is touched. */
    VALIDATING,
    /** The canary nodes, and only they, apply the release. */
    CANARY,
    /** The canaries applied it; they must stay healthy for the verification time before the rest follow. */
    VERIFYING,
    /** Batches of at most {@code maxUnavailable} nodes apply it in turn. */
    PROGRESSING,
    /** Every node runs the release; it is the fleet's current one. */
    SUCCEEDED,
    /** The release was refused before any node was touched. */
    REFUSED,
    /** Nodes failed past the threshold (or a canary failed, or an operator aborted): rolling back comes next. */
    FAILED,
    /** The nodes that applied the release go back to the previous one. */
    ROLLING_BACK,
    /** Every node that had applied the release runs the previous one again. */
    ROLLED_BACK;

    /** @return whether the rollout has ended: another may start */
    boolean ended() {
        return this == SUCCEEDED || this == REFUSED || this == ROLLED_BACK;
    }

    /** @return whether nodes admitted to the release should run it */
    boolean forward() {
        return this == CANARY || this == VERIFYING || this == PROGRESSING || this == SUCCEEDED;
    }
}
