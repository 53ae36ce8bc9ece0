package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.Trigger;

/** What the engine does once as it starts: brings the framework in line with Kiln's records. */
final class StartupReconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReconciliation.class);

    private final DeployContext kiln;
    private final Uninstalls uninstalls;
    private final StartupRecoveries recoveries;

    StartupReconciliation(DeployContext kiln, Uninstalls uninstalls, StartupRecoveries recoveries) {
        this.kiln = kiln;
        this.uninstalls = uninstalls;
        this.recoveries = recoveries;
    }

    /**
     * Brings the framework in line with Kiln's records after a start: plugins whose file went away while Kiln
     * was stopped are uninstalled; Kiln's records, not the framework's cache, say what runs: a plugin missing from
     * the cache (Felix deletes a cached bundle it cannot read, with its data area) is reinstalled from its kept
     * jar, and one the cache holds in another version than the record, or in a build the framework took after the
     * record's last change (a change a crash cut short before it committed, the same version rebuilt included) gets its
     * committed build back; then enabled plugins are started. Each repair is reported
     * ({@link StartupRecoveries}). A plugin's saved state is Kiln's own ({@code state/}), outside the cache: it
     * comes back as the plugin last saved it.
     */
    void reconcile() {
        for (Bundle bundle : kiln.pluginBundles()) {
            if (kiln.records.plugin(bundle.getSymbolicName()).isEmpty()) {
                try {
                    kiln.lifecycle.uninstall(bundle);
                    recoveries.recovered(bundle.getSymbolicName() + ": in the framework cache but not in Kiln's records (an install"
                            + " that did not commit); uninstalled, its file in hot/ installs it again");
                } catch (BundleException | StuckException e) {
                    LOG.warn("Cannot uninstall {}, which Kiln has no record of: {}", bundle.getSymbolicName(), e.getMessage());
                }
            }
        }
        for (PluginRecord record : kiln.records.plugins()) {
            if (Thread.currentThread().isInterrupted()) {
                return; // the engine is stopping
            }
            if (!kiln.fileExists(record.file())) {
                uninstalls.uninstall(record.name(), record.file(), Trigger.STARTUP, false);
                continue;
            }
            try {
                Bundle bundle = kiln.bundle(record.name()).orElse(null);
                Optional<VersionStore.Kept> kept = kiln.versions.bySha(record.name(), record.sha256());
                if (bundle == null) {
                    if (kept.isEmpty()) {
                        LOG.warn("{}: not installed and its jar is not kept; {} will install it again", record.name(), record.file());
                        kiln.records.remove(record.name());
                        continue;
                    }
                    try (InputStream in = Files.newInputStream(kept.get().jar())) {
                        bundle = kiln.context.installBundle(DeployContext.LOCATION + record.name(), in);
                    }
                    restamp(record);
                    recoveries.recovered(record.name() + ": missing from the framework cache; reinstalled " + record.version()
                            + " (kept build " + kept.get().id() + ")" + (kiln.states.snapshot(record.name()).isPresent()
                                    ? ", with the state it last saved" : "; it had saved no state"));
                } else if (kept.isPresent() && (!bundle.getVersion().toString().equals(record.version())
                        || record.changedAfter(bundle.getLastModified()))) {
                    String found = bundle.getVersion().toString();
                    String held = found.equals(record.version()) ? "another build of " + found + ", taken after its last committed change"
                            : found;
                    kiln.lifecycle.update(bundle, kept.get().jar());
                    kiln.lifecycle.refresh(List.of(bundle));
                    restamp(record);
                    recoveries.recovered(record.name() + ": the framework cache held " + held + ", a change that did not commit"
                            + " (cut short); put back " + record.version() + " (kept build " + kept.get().id() + "), its last committed build");
                }
                if (record.enabled()) {
                    kiln.lifecycle.start(bundle);
                }
            } catch (BundleException | StuckException | IOException | UncheckedIOException e) {
                LOG.error("{} did not start: {}", record.name(), e.getMessage());
            }
        }
    }

    /** The framework took the committed build again just now: the record says so, or the next start would undo it again. */
    private void restamp(PluginRecord record) {
        try {
            kiln.records.put(record.restored());
        } catch (UncheckedIOException e) {
            // the build in the framework is the committed one all the same; the next start puts it back once more
            LOG.warn("{}: cannot save that it was put back: {}", record.name(), e.getMessage());
        }
    }
}
