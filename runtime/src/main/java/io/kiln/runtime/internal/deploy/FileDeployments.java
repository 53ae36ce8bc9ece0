package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.Outcome;

/**
 * The transactions a file in {@code hot/} starts: a jar added (install), replaced (update) or removed
 * (uninstall). Validate, back up, apply, verify, then commit or roll back: the running plugin is touched only
 * once the new jar has been read, checked and found resolvable, and is put back as it was if the new one
 * fails.
 */
final class FileDeployments {

    private static final Logger LOG = LoggerFactory.getLogger(FileDeployments.class);

    private final DeployContext kiln;

    FileDeployments(DeployContext kiln) {
        this.kiln = kiln;
    }

    /**
     * Applies the jar now in {@code file}.
     *
     * @return how it ended, or empty when the file is still being written (it is offered again once stable)
     *         or was refused before in this same content
     */
    Optional<ChangeResult> deploy(Path file, String trigger, BooleanSupplier othersUnderWay) throws DeferredException {
        long start = System.nanoTime();
        String fileName = file.getFileName().toString();
        StagedJar jar;
        try {
            jar = StagedJar.stage(file, kiln.stagingFolder);
        } catch (StagedJar.StillBeingWritten e) {
            LOG.debug("{}: still being written; waiting for it to settle", fileName);
            return Optional.empty();
        } catch (RejectedException e) {
            return reject(fileName, "", e.sha256(), e.getMessage(), "install", trigger, start);
        }
        try {
            return deploy(jar, trigger, start, othersUnderWay);
        } finally {
            StagedJar.discard(jar.staged());
        }
    }

    private Optional<ChangeResult> deploy(StagedJar jar, String trigger, long start, BooleanSupplier othersUnderWay)
            throws DeferredException {
        Optional<PluginRecords.Rejection> refused = kiln.records.rejection(jar.fileName());
        if (refused.isPresent() && refused.get().sha256().equals(jar.sha256()) && !refused.get().waiting()) {
            LOG.debug("{}: refused before in this content ({}); waiting for it to change", jar.fileName(), refused.get().reason());
            return Optional.empty();
        }
        // the file used to hold another plugin: that one goes, this one comes
        Optional<PluginRecord> previousOwner = kiln.records.byFile(jar.fileName()).filter(r -> !r.name().equals(jar.name()));
        if (previousOwner.isPresent()) {
            remove(previousOwner.get().name(), jar.fileName(), trigger);
        }
        ReentrantLock lock = kiln.lock(jar.name());
        lock.lock();
        try {
            Optional<PluginRecord> record = kiln.records.plugin(jar.name());
            if (record.isPresent() && !record.get().file().equals(jar.fileName()) && kiln.fileExists(record.get().file())) {
                return reject(jar.fileName(), jar.name(), jar.sha256(), jar.fileName() + ": plugin " + jar.name()
                        + " is already provided by " + record.get().file() + " (same Bundle-SymbolicName); remove one of them",
                        "install", trigger, start);
            }
            Optional<Bundle> bundle = kiln.bundle(jar.name());
            if (record.isPresent() && bundle.isPresent()
                    && (record.get().sha256().equals(jar.sha256()) || record.get().heldSha256().equals(jar.sha256()))) {
                return Optional.of(unchanged(record.get(), bundle.get(), jar, trigger, start));
            }
            String action = bundle.isEmpty() ? "install" : "update";
            try {
                if (bundle.isEmpty()) {
                    Bundle installed = installResolved(jar);
                    kiln.records.clearRejection(jar.fileName());
                    return Optional.of(start(installed, jar, trigger, start));
                }
                kiln.resolveCheck.check(jar);
            } catch (UnresolvedException e) {
                if (othersUnderWay.getAsBoolean()) {
                    throw new DeferredException(e.getMessage());
                }
                return rejectWaiting(jar, e.getMessage(), action, trigger, start);
            } catch (RejectedException e) {
                return reject(jar.fileName(), jar.name(), jar.sha256(), e.getMessage(), action, trigger, start);
            }
            kiln.records.clearRejection(jar.fileName());
            return Optional.of(update(bundle.get(), record, jar, trigger, start));
        } finally {
            lock.unlock();
        }
    }

    /** The same jar again (a restart, a touched file): only make sure it runs as its record says. */
    private ChangeResult unchanged(PluginRecord record, Bundle bundle, StagedJar jar, String trigger, long start) {
        if (!record.file().equals(jar.fileName())) {
            kiln.records.put(record.withFile(jar.fileName()));
        }
        if (record.enabled() && bundle.getState() != Bundle.ACTIVE) {
            try {
                kiln.lifecycle.start(bundle);
                kiln.verifier.verify(bundle, Map.of());
            } catch (BundleException | StuckException | VerificationException e) {
                return kiln.finish(record.name(), "start", trigger, Outcome.FAILED, record.version(), record.version(), start,
                        jar.fileName() + ": " + e.getMessage());
            }
        }
        return new ChangeResult(record.name(), "install", Outcome.UNCHANGED, record.version(), record.version(),
                java.time.Duration.ofNanos(System.nanoTime() - start), "");
    }

    /** Installs a new plugin and resolves it; one that cannot be resolved is removed again at once. */
    private Bundle installResolved(StagedJar jar) throws RejectedException {
        Bundle bundle;
        try (InputStream in = Files.newInputStream(jar.staged())) {
            bundle = kiln.context.installBundle(DeployContext.LOCATION + jar.name(), in);
        } catch (BundleException | IOException e) {
            throw new RejectedException(jar.fileName() + ": the framework refuses it: " + e.getMessage(), jar.sha256());
        }
        try {
            kiln.resolveCheck.resolve(bundle, jar);
            return bundle;
        } catch (UnresolvedException e) {
            try {
                bundle.uninstall();
            } catch (BundleException | IllegalStateException gone) {
                // nothing ran in it; a leftover is removed by the next refresh
            }
            throw e;
        }
    }

    private ChangeResult start(Bundle bundle, StagedJar jar, String trigger, long start) {
        String to = jar.version().toString();
        try {
            kiln.lifecycle.start(bundle);
            kiln.verifier.verify(bundle, Map.of());
            kiln.versions.keep(jar);
            kiln.records.put(PluginRecord.installed(jar));
            return kiln.finish(jar.name(), "install", trigger, Outcome.APPLIED, "", to, start, "");
        } catch (BundleException | StuckException | VerificationException | IOException failure) {
            String reason = jar.fileName() + ": " + failure.getMessage();
            kiln.records.reject(new PluginRecords.Rejection(jar.fileName(), jar.sha256(), jar.name(), reason, Instant.now()));
            try {
                kiln.lifecycle.stop(bundle);
                kiln.lifecycle.uninstall(bundle);
                kiln.lifecycle.refresh(List.of(bundle));
            } catch (BundleException | StuckException e) {
                return kiln.finish(jar.name(), "install", trigger, Outcome.FAILED, "", to, start,
                        reason + "; and it could not be removed again: " + e.getMessage());
            }
            return kiln.finish(jar.name(), "install", trigger, Outcome.ROLLED_BACK, "", to, start, reason);
        }
    }

    private ChangeResult update(Bundle bundle, Optional<PluginRecord> existing, StagedJar jar, String trigger, long start) {
        PluginRecord record = existing.orElseGet(() -> PluginRecord.installed(jar));
        String from = bundle.getVersion().toString();
        String to = jar.version().toString();
        Optional<VersionStore.Kept> previous = kiln.versions.bySha(record.name(), record.sha256());
        Map<String, Integer> before = kiln.verifier.componentStates(bundle);
        Optional<byte[]> state;
        try {
            kiln.lifecycle.stop(bundle); // the old version saves its state as it stops
            state = kiln.states.snapshot(record.name());
        } catch (BundleException | StuckException e) {
            return kiln.finish(record.name(), "update", trigger, Outcome.FAILED, from, to, start,
                    jar.fileName() + ": the running version did not stop: " + e.getMessage());
        }
        try {
            apply(bundle, jar.staged(), record.enabled(), before);
            kiln.versions.keep(jar);
            kiln.records.put(record.running(jar));
            prune(record.name(), jar.sha256());
            return kiln.finish(record.name(), "update", trigger, Outcome.APPLIED, from, to, start, "");
        } catch (BundleException | StuckException | VerificationException | IOException failure) {
            String reason = jar.fileName() + ": " + failure.getMessage();
            kiln.records.reject(new PluginRecords.Rejection(jar.fileName(), jar.sha256(), record.name(), reason, Instant.now()));
            if (previous.isEmpty()) {
                return kiln.finish(record.name(), "update", trigger, Outcome.FAILED, from, to, start,
                        reason + "; the previous version's jar is not kept, so it cannot be put back");
            }
            try {
                kiln.lifecycle.stop(bundle);
                kiln.states.restore(record.name(), state);
                apply(bundle, previous.get().jar(), record.enabled(), before);
                return kiln.finish(record.name(), "update", trigger, Outcome.ROLLED_BACK, from, to, start,
                        reason + "; rolled back to " + from);
            } catch (BundleException | StuckException | VerificationException | IOException e) {
                return kiln.finish(record.name(), "update", trigger, Outcome.FAILED, from, to, start,
                        reason + "; and rolling back to " + from + " failed too: " + e.getMessage());
            }
        }
    }

    /** Puts a jar's content into the bundle, refreshes what is wired to it, and starts and checks it. */
    void apply(Bundle bundle, Path jar, boolean enabled, Map<String, Integer> before)
            throws BundleException, StuckException, VerificationException {
        kiln.lifecycle.update(bundle, jar);
        kiln.lifecycle.refresh(List.of(bundle));
        if (enabled) {
            kiln.lifecycle.start(bundle);
            kiln.verifier.verify(bundle, before);
        }
    }

    /**
     * The file is gone from {@code hot/}: uninstall the plugin it held. Its state stays on disk, for the day
     * the plugin returns.
     */
    Optional<ChangeResult> remove(Path file, String trigger) {
        String fileName = file.getFileName().toString();
        kiln.records.clearRejection(fileName);
        return kiln.records.byFile(fileName).map(record -> remove(record.name(), fileName, trigger));
    }

    private ChangeResult remove(String plugin, String fileName, String trigger) {
        long start = System.nanoTime();
        ReentrantLock lock = kiln.lock(plugin);
        lock.lock();
        try {
            Optional<PluginRecord> record = kiln.records.plugin(plugin);
            if (record.isEmpty() || !record.get().file().equals(fileName)) {
                // another file has taken this plugin over meanwhile
                return new ChangeResult(plugin, "uninstall", Outcome.UNCHANGED, "", "", java.time.Duration.ZERO, "");
            }
            String from = record.get().version();
            Optional<Bundle> bundle = kiln.bundle(plugin);
            try {
                if (bundle.isPresent()) {
                    kiln.lifecycle.stop(bundle.get());
                    kiln.lifecycle.uninstall(bundle.get());
                    kiln.lifecycle.refresh(List.of(bundle.get()));
                }
            } catch (BundleException | StuckException e) {
                return kiln.finish(plugin, "uninstall", trigger, Outcome.FAILED, from, "", start, fileName + ": " + e.getMessage());
            }
            kiln.records.remove(plugin);
            return kiln.finish(plugin, "uninstall", trigger, Outcome.APPLIED, from, "", start, "");
        } finally {
            lock.unlock();
        }
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
            if (!kiln.fileExists(record.file())) {
                remove(record.name(), record.file(), "startup");
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
            } catch (BundleException | StuckException | IOException e) {
                LOG.error("{} did not start: {}", record.name(), e.getMessage());
            }
        }
    }

    private Optional<ChangeResult> reject(String fileName, String plugin, String sha256, String reason, String action,
            String trigger, long start) {
        Optional<PluginRecords.Rejection> before = kiln.records.rejection(fileName);
        if (!sha256.isEmpty() && before.isPresent() && before.get().sha256().equals(sha256)) {
            return Optional.empty();
        }
        // a damaged jar over a running plugin is a refused update of that plugin
        Optional<PluginRecord> owner = plugin.isEmpty() ? kiln.records.byFile(fileName) : kiln.records.plugin(plugin);
        String subject = owner.map(PluginRecord::name).orElse(plugin.isEmpty() ? fileName : plugin);
        kiln.records.reject(new PluginRecords.Rejection(fileName, sha256, owner.map(PluginRecord::name).orElse(plugin), reason, Instant.now()));
        return Optional.of(kiln.finish(subject, owner.isPresent() ? "update" : action, trigger, Outcome.REJECTED,
                owner.map(PluginRecord::version).orElse(""), "", start, reason));
    }

    /** Refused for a missing requirement: recorded once, and tried again when another plugin arrives. */
    private Optional<ChangeResult> rejectWaiting(StagedJar jar, String reason, String action, String trigger, long start) {
        Optional<PluginRecords.Rejection> before = kiln.records.rejection(jar.fileName());
        kiln.records.reject(new PluginRecords.Rejection(jar.fileName(), jar.sha256(), jar.name(), reason, Instant.now(), true));
        if (before.isPresent() && before.get().sha256().equals(jar.sha256()) && before.get().reason().equals(reason)) {
            return Optional.empty();
        }
        return Optional.of(kiln.finish(jar.name(), action, trigger, Outcome.REJECTED, "", jar.version().toString(), start, reason));
    }

    /** @return the files refused for a missing requirement, to try again now that something new is installed */
    List<Path> waitingFiles() {
        return kiln.records.rejections().stream().filter(PluginRecords.Rejection::waiting)
                .map(r -> kiln.hotFolder.resolve(r.file())).filter(Files::exists).toList();
    }

    private void prune(String plugin, String runningSha256) {
        try {
            kiln.versions.prune(plugin, runningSha256);
        } catch (IOException e) {
            LOG.warn("Cannot prune the kept versions of {}: {}", plugin, e.toString());
        }
    }
}
