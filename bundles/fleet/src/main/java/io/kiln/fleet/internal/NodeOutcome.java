package io.kiln.fleet.internal;

/** How a node's last attempt to run a release ended. */
enum NodeOutcome {
    /** It is applying it now. */
    APPLYING,
    /** It runs the release: every plugin active and verified, every section applied. */
    APPLIED,
    /** It could not: the release's changes were undone on the node, which runs what it ran before. */
    FAILED
}
