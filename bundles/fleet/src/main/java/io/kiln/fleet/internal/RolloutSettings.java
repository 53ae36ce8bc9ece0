package io.kiln.fleet.internal;

/**
 * How a rollout proceeds (from {@code conf/io.kiln.fleet.cfg}, the coordinator's).
 *
 * @param canaries         how many nodes take a release first
 * @param maxUnavailable   how many nodes apply it at once after the canaries (each is briefly restarting plugins)
 * @param failureThreshold how many failed nodes (after the canaries) a rollout tolerates; one more rolls it back
 * @param verifyMillis     how long the canaries must stay healthy before the rest follow
 * @param deadlineMillis   how long an admitted, connected node may take to report; past it, it counts as failed
 */
record RolloutSettings(int canaries, int maxUnavailable, int failureThreshold, long verifyMillis, long deadlineMillis) {

    RolloutSettings {
        if (canaries < 1 || maxUnavailable < 1 || failureThreshold < 0 || verifyMillis < 0 || deadlineMillis < 1) {
            throw new IllegalArgumentException("canaries and maxUnavailable must be at least 1, failureThreshold and verifyMillis "
                    + "at least 0, progressDeadlineMillis more than 0; found " + canaries + ", " + maxUnavailable + ", "
                    + failureThreshold + ", " + verifyMillis + ", " + deadlineMillis);
        }
    }
}
