package io.kiln.runtime.api;

import java.time.Instant;
import java.util.List;

/**
 * A retired revision of a plugin whose class loader is still in memory after the grace period: an earlier version
 * replaced by an update or a rollback, or the last one of a plugin uninstalled. Its classes, and everything their
 * static fields hold, stay in memory until what holds it lets go. It is listed until the class loader is collected.
 *
 * @param plugin  the plugin's name
 * @param version the retired revision's version
 * @param retired when it stopped for good
 * @param holders what Kiln can see holding it (a thread, a driver, a shutdown hook, a timer, another plugin still
 *                wired to it), as found when the grace period ended; a single entry saying Kiln sees nothing when the
 *                reference comes from elsewhere (a static field of another bundle, a cache, a {@code ThreadLocal}): a
 *                heap dump tells
 */
public record RetainedRevision(String plugin, String version, Instant retired, List<String> holders) {

    public RetainedRevision {
        holders = List.copyOf(holders);
    }
}
