package io.kiln.api.health;

import java.util.Objects;

/**
 * The result of a {@link PluginHealthCheck}: healthy, or failed with a reason.
 * <p>
 * Instances are immutable and safe to share between threads.
 */
public final class HealthStatus {

    private static final HealthStatus OK = new HealthStatus(true, "");

    private final boolean healthy;
    private final String reason;

    private HealthStatus(boolean healthy, String reason) {
        this.healthy = healthy;
        this.reason = reason;
    }

    /**
     * The status of a plugin that works.
     *
     * @return the healthy status
     */
    public static HealthStatus ok() {
        return OK;
    }

    /**
     * The status of a plugin that does not work.
     *
     * @param reason what is wrong, in words an operator can act on; must not be blank
     * @return a failed status carrying the reason
     * @throws IllegalArgumentException if {@code reason} is {@code null} or blank
     */
    public static HealthStatus failed(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a failed health status needs a reason");
        }
        return new HealthStatus(false, reason);
    }

    /**
     * Whether the plugin works.
     *
     * @return {@code true} for {@link #ok()}, {@code false} for {@link #failed(String)}
     */
    public boolean isHealthy() {
        return healthy;
    }

    /**
     * Why the plugin does not work.
     *
     * @return the reason given to {@link #failed(String)}, or the empty string when healthy
     */
    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HealthStatus that && healthy == that.healthy && reason.equals(that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(healthy, reason);
    }

    @Override
    public String toString() {
        return healthy ? "healthy" : "failed: " + reason;
    }
}
