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
 * @param retained retired revisions of plugins still in memory after the grace period, with what holds them
 * @param queued   changes waiting for their turn: files and source folders in {@code hot/} whose transaction has not
 *                 started yet, including those put aside until another change is done (a change asked for through
 *                 {@link PluginService} runs on the caller's thread and is never queued); since 2.4
 * @param recovered what Kiln put right as it last started, one line per plugin naming it and what happened (a plugin
 *                 missing from the framework's cache reinstalled from Kiln's kept jar, a change a crash cut short put
 *                 back to the last committed build); empty after a clean start; since 2.5
 */
public record RuntimeStatus(int plugins, int active, int degraded, int disabled, List<RejectedFile> rejected, List<String> stuck,
        List<RetainedRevision> retained, int queued, List<String> recovered) {

    public RuntimeStatus {
        rejected = List.copyOf(rejected);
        stuck = List.copyOf(stuck);
        retained = List.copyOf(retained);
        recovered = List.copyOf(recovered);
    }

    /** A status without what was recovered at start (the constructor of API 2.4). */
    public RuntimeStatus(int plugins, int active, int degraded, int disabled, List<RejectedFile> rejected, List<String> stuck,
            List<RetainedRevision> retained, int queued) {
        this(plugins, active, degraded, disabled, rejected, stuck, retained, queued, List.of());
    }

    /** A status without a queue length (the constructor of API 2.3). */
    public RuntimeStatus(int plugins, int active, int degraded, int disabled, List<RejectedFile> rejected, List<String> stuck,
            List<RetainedRevision> retained) {
        this(plugins, active, degraded, disabled, rejected, stuck, retained, 0);
    }

    /** A status without retained revisions (the constructor of API 2.1). */
    public RuntimeStatus(int plugins, int active, int degraded, int disabled, List<RejectedFile> rejected, List<String> stuck) {
        this(plugins, active, degraded, disabled, rejected, stuck, List.of());
    }
}
