package io.kiln.runtime.internal.deploy;

import java.time.Instant;

import io.kiln.runtime.api.Outcome;

/**
 * What Kiln remembers of one plugin across restarts.
 *
 * @param name        the bundle symbolic name
 * @param file        the jar's file name in {@code hot/}, or empty if the plugin has no file (yet)
 * @param sha256      the hash of the jar that runs
 * @param version     the version that runs
 * @param enabled     {@code false} once disabled
 * @param heldSha256  the hash of a file in {@code hot/} not to apply (after a rollback), or empty
 * @param lastOutcome how the last change ended, or {@code null}
 * @param lastError   why it failed, or empty
 * @param lastChange  when its last change committed or ended, or Kiln put its build back at a start; {@code null}
 *                    if never
 */
record PluginRecord(String name, String file, String sha256, String version, boolean enabled, String heldSha256,
        Outcome lastOutcome, String lastError, Instant lastChange) {

    /** A new plugin's record as its install commits: stamped now, after the framework installed it. */
    static PluginRecord installed(StagedJar jar, String fileName) {
        return new PluginRecord(jar.name(), fileName, jar.sha256(), jar.version().toString(), true, "", null, "", Instant.now());
    }

    /**
     * The record as a new build commits: stamped now, after the framework took the build, so that a start can tell a
     * build the framework took after the last commit ({@link #changedAfter}) from the committed one.
     */
    PluginRecord running(StagedJar jar, String fileName) {
        return new PluginRecord(name, fileName, jar.sha256(), jar.version().toString(), enabled, "", lastOutcome, lastError, Instant.now());
    }

    /** The record of a plugin Kiln put back in the framework as it started (reinstalled, or its committed build restored). */
    PluginRecord restored() {
        return new PluginRecord(name, file, sha256, version, enabled, heldSha256, lastOutcome, lastError, Instant.now());
    }

    /**
     * Whether the framework stamped this plugin's bundle after its record: a change the process did not live to commit
     * (or to undo), or a stamp that changed nothing (Felix stamps multi-release bundles again when the JDK changed),
     * which the caller tells apart by content ({@link BundleContent}). The framework stamps a bundle as it installs or
     * updates it, not as it starts, stops or refreshes it; Kiln stamps the record after that, as the change commits or
     * ends. Unknown (never stamped) counts as not changed.
     *
     * @param bundleLastModified the bundle's {@link org.osgi.framework.Bundle#getLastModified()}
     */
    boolean changedAfter(long bundleLastModified) {
        return lastChange != null && bundleLastModified > lastChange.toEpochMilli();
    }

    PluginRecord withFile(String newFile) {
        return new PluginRecord(name, newFile, sha256, version, enabled, heldSha256, lastOutcome, lastError, lastChange);
    }

    PluginRecord withEnabled(boolean newEnabled) {
        return new PluginRecord(name, file, sha256, version, newEnabled, heldSha256, lastOutcome, lastError, lastChange);
    }

    /** The record as a rollback commits: the build it went back to runs, stamped now, and the file's build is held. */
    PluginRecord holding(String sha, String newSha256, String newVersion) {
        return new PluginRecord(name, file, newSha256, newVersion, enabled, sha, lastOutcome, lastError, Instant.now());
    }

    PluginRecord ended(Outcome outcome, String error, Instant time) {
        return new PluginRecord(name, file, sha256, version, enabled, heldSha256, outcome, error, time);
    }
}
