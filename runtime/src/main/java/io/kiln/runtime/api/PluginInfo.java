package io.kiln.runtime.api;

import java.time.Instant;
import java.util.List;

/**
 * A plugin as it is now.
 *
 * @param name             the bundle symbolic name
 * @param version          the running version
 * @param state            the bundle state: {@code ACTIVE}, {@code RESOLVED}, {@code INSTALLED}, {@code STARTING},
 *                         {@code STOPPING}
 * @param enabled          {@code false} once disabled, until enabled again
 * @param file             the jar's file name in {@code hot/}, or the empty string if its file is gone
 * @param lastResult       how the last change to it ended, or {@code null} if none is recorded
 * @param lastError        why the last change failed; empty if it succeeded
 * @param lastChange       when the last change ended, or {@code null}
 * @param previousVersions the versions Kiln keeps for rollback, newest first
 */
public record PluginInfo(String name, String version, String state, boolean enabled, String file,
        Outcome lastResult, String lastError, Instant lastChange, List<String> previousVersions) {

    public PluginInfo {
        previousVersions = List.copyOf(previousVersions);
    }
}
