package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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

    StartupReconciliation(DeployContext kiln, Uninstalls uninstalls) {
        this.kiln = kiln;
        this.uninstalls = uninstalls;
    }

    /**
     * Brings the framework in line with Kiln's records after a start: plugins whose file went away while Kiln
     * was stopped are uninstalled, plugins missing from the framework's cache are reinstalled from the kept
     * jars, and enabled plugins are started.
     */
    void reconcile() {
        for (Bundle bundle : kiln.pluginBundles()) {
            if (kiln.records.plugin(bundle.getSymbolicName()).isEmpty()) {
                try {
                    kiln.lifecycle.uninstall(bundle);
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
                if (bundle == null) {
                    Optional<VersionStore.Kept> kept = kiln.versions.bySha(record.name(), record.sha256());
                    if (kept.isEmpty()) {
                        LOG.warn("{}: not installed and its jar is not kept; {} will install it again", record.name(), record.file());
                        kiln.records.remove(record.name());
                        continue;
                    }
                    try (InputStream in = Files.newInputStream(kept.get().jar())) {
                        bundle = kiln.context.installBundle(DeployContext.LOCATION + record.name(), in);
                    }
                }
                if (record.enabled()) {
                    kiln.lifecycle.start(bundle);
                }
            } catch (BundleException | StuckException | IOException | UncheckedIOException e) {
                LOG.error("{} did not start: {}", record.name(), e.getMessage());
            }
        }
    }
}
