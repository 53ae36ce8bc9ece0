package io.kiln.runtime.api;

import java.util.List;

/**
 * What is running, and what was refused.
 *
 * @param plugins  how many plugins there are
 * @param active   how many are ACTIVE and work fully
 * @param degraded how many are enabled but do not work fully ({@link PluginInfo#degraded()})
 * @param disabled how many are disabled
 * @param rejected files refused, with the reason
 * @param stuck    plugins whose lifecycle call (an activator, an {@code @Activate}) did not return in time,
 *                 each with what it was doing
 */
public record RuntimeStatus(int plugins, int active, int degraded, int disabled, List<RejectedFile> rejected, List<String> stuck) {

    public RuntimeStatus {
        rejected = List.copyOf(rejected);
        stuck = List.copyOf(stuck);
    }
}
