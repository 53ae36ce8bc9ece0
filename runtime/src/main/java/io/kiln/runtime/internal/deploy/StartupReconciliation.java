package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.Trigger;

/** What the engine does once as it starts: brings the framework in line with Kiln's records. */
final class StartupReconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReconciliation.class);
    /** The framework property the launcher sets when it emptied the cache of a moved Kiln: the folder it came from. */
    static final String MOVED_FROM = "kiln.cache.movedFrom";

    private final DeployContext kiln;
    private final Uninstalls uninstalls;
    private final StartupRecoveries recoveries;
    /**
     * The folder of the Kiln this one was moved or copied from, if the launcher emptied the framework cache for that
     * reason ({@code kiln.cache.movedFrom}, set by the launcher's FrameworkCache): every plugin is then reinstalled from
     * Kiln's store, which is no repair to report.
     */
    private final Optional<String> movedFrom;

    StartupReconciliation(DeployContext kiln, Uninstalls uninstalls, StartupRecoveries recoveries) {
        this.kiln = kiln;
        this.uninstalls = uninstalls;
        this.recoveries = recoveries;
        this.movedFrom = Optional.ofNullable(kiln.context.getProperty(MOVED_FROM)).filter(home -> !home.isBlank());
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
        for (PluginRecords.Rejection rejection : kiln.records.rejections()) {
            if (!kiln.fileExists(rejection.file())) {
                kiln.records.clearRejection(rejection.file()); // deleted while Kiln was stopped: nothing is refused now
            }
        }
        for (Bundle bundle : kiln.pluginBundles()) {
            withLock(bundle.getSymbolicName(), () -> takeOutUnrecorded(bundle));
        }
        for (PluginRecord listed : kiln.records.plugins()) {
            if (Thread.currentThread().isInterrupted()) {
                return; // the engine is stopping
            }
            // a change through the API may run meanwhile (the front doors are up): its record, read under its lock, wins
            withLock(listed.name(), () -> kiln.records.plugin(listed.name()).ifPresent(this::bringInLine));
        }
    }

    private void withLock(String plugin, Runnable step) {
        ReentrantLock lock = kiln.lock(plugin);
        lock.lock();
        try {
            step.run();
        } finally {
            lock.unlock();
        }
    }

    private void takeOutUnrecorded(Bundle bundle) {
        if (kiln.records.plugin(bundle.getSymbolicName()).isPresent() || bundle.getState() == Bundle.UNINSTALLED) {
            return;
        }
        try {
            kiln.lifecycle.uninstall(bundle);
            recoveries.recovered(bundle.getSymbolicName() + ": in the framework cache but not in Kiln's records (an install"
                    + " that did not commit); uninstalled, its file in hot/ installs it again");
        } catch (BundleException | StuckException e) {
            LOG.warn("Cannot uninstall {}, which Kiln has no record of: {}", bundle.getSymbolicName(), e.getMessage());
        }
    }

    private void bringInLine(PluginRecord record) {
        if (!kiln.fileExists(record.file())) {
            uninstalls.uninstall(record.name(), record.file(), Trigger.STARTUP, false);
            return;
        }
        try {
            Bundle bundle = kiln.bundle(record.name()).orElse(null);
            Optional<VersionStore.Kept> kept = kiln.versions.bySha(record.name(), record.sha256());
            if (bundle == null) {
                if (kept.isEmpty()) {
                    LOG.warn("{}: not installed and its jar is not kept; {} will install it again", record.name(), record.file());
                    kiln.records.remove(record.name());
                    return;
                }
                try (InputStream in = Files.newInputStream(kept.get().jar())) {
                    bundle = kiln.context.installBundle(DeployContext.LOCATION + record.name(), in);
                }
                restamp(record);
                String withState = kiln.states.snapshot(record.name()).isPresent() ? ", with the state it last saved"
                        : "; it had saved no state";
                if (movedFrom.isPresent()) {
                    LOG.info("{}: reinstalled {} (kept build {}){}: this Kiln was moved or copied from {}, and its framework cache"
                            + " started empty", record.name(), record.version(), kept.get().id(), withState, movedFrom.get());
                } else {
                    recoveries.recovered(record.name() + ": missing from the framework cache; reinstalled " + record.version()
                            + " (kept build " + kept.get().id() + ")" + withState);
                }
            } else if (kept.isPresent()) {
                putBackIfChanged(record, bundle, kept.get());
            }
            if (record.enabled()) {
                start(record, bundle);
            }
        } catch (BundleException | StuckException | IOException | UncheckedIOException e) {
            LOG.error("{} did not start: {}", record.name(), e.getMessage());
        }
    }

    /**
     * Starts the plugin, and once more if it could not be resolved: at start-up the framework resolves for many
     * bundles at once, and a resolve that was interrupted waiting for the framework's lock ("Unable to acquire global
     * lock for resolve") has nothing to do with the plugin. One that still fails is logged by the caller.
     */
    private void start(PluginRecord record, Bundle bundle) throws BundleException, StuckException {
        try {
            kiln.lifecycle.start(bundle);
        } catch (BundleException e) {
            if (e.getType() != BundleException.RESOLVE_ERROR) {
                throw e;
            }
            LOG.warn("{} did not resolve at the first try ({}); trying once more", record.name(), e.getMessage());
            kiln.lifecycle.start(bundle);
        }
    }

    /**
     * Puts the committed build back if the framework holds another: another version, or the same version stamped after
     * the record and differing from the kept build. A stamp that changed nothing is taken into the record, so that the
     * next start does not compare again.
     */
    private void putBackIfChanged(PluginRecord record, Bundle bundle, VersionStore.Kept kept) throws BundleException, StuckException, IOException {
        String found = bundle.getVersion().toString();
        boolean sameVersion = found.equals(record.version());
        if (sameVersion && !record.changedAfter(bundle.getLastModified())) {
            return;
        }
        if (sameVersion && BundleContent.sameAs(bundle, kept.jar())) {
            restamp(record);
            return;
        }
        kiln.lifecycle.update(bundle, kept.jar());
        kiln.lifecycle.refresh(List.of(bundle));
        restamp(record);
        recoveries.recovered(record.name() + ": the framework cache held " + (sameVersion ? "another build of " + found
                + ", taken after its last committed change" : found) + ", a change that did not commit (cut short); put back "
                + record.version() + " (kept build " + kept.id() + "), its last committed build");
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
