package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.Trigger;
import io.kiln.runtime.internal.store.AtomicFiles;

/**
 * The transactions a jar starts, whether it was dropped into {@code hot/} or handed to the engine API: install,
 * update and uninstall. Validate, back up, apply, verify the plugin and its dependents, then commit or roll back:
 * the running plugin is touched only once the new jar has been read, checked and found resolvable (its
 * dependents included), and is put back as it was if the new one fails.
 */
final class JarDeployments {

    private static final Logger LOG = LoggerFactory.getLogger(JarDeployments.class);

    /** Where a jar comes from, which decides where a refusal is remembered and where a committed jar is kept. */
    enum Source {
        /** A file in {@code hot/}: a refusal is remembered against the file until its content changes. */
        HOT_FOLDER,
        /** A caller of the engine API: nothing is written into {@code hot/} until the change has committed. */
        API
    }

    private final DeployContext kiln;
    private final VersionSwap swap;

    JarDeployments(DeployContext kiln) {
        this.kiln = kiln;
        this.swap = new VersionSwap(kiln);
    }

    /**
     * Applies the jar now in {@code file} in {@code hot/}.
     *
     * @return how it ended, or empty when the file is still being written (it is offered again once stable)
     *         or was refused before in this same content
     */
    Optional<ChangeResult> deployFile(Path file, Trigger trigger, BooleanSupplier othersUnderWay) throws DeferredException {
        String fileName = file.getFileName().toString();
        StagedJar jar;
        try {
            jar = StagedJar.stage(file, kiln.stagingFolder);
        } catch (StagedJar.StillBeingWritten e) {
            LOG.debug("{}: still being written; waiting for it to settle", fileName);
            return Optional.empty();
        } catch (RejectedException e) {
            return rejectFile(fileName, "", e.sha256(), e.getMessage(), Action.INSTALL, trigger);
        }
        try {
            Optional<PluginRecords.Rejection> refused = kiln.records.rejection(fileName);
            if (refused.isPresent() && refused.get().sha256().equals(jar.sha256()) && !refused.get().waiting()) {
                LOG.debug("{}: refused before in this content ({}); waiting for it to change", fileName, refused.get().reason());
                return Optional.empty();
            }
            // the file used to hold another plugin: that one goes, this one comes
            Optional<PluginRecord> previousOwner = kiln.records.byFile(fileName).filter(r -> !r.name().equals(jar.name()));
            if (previousOwner.isPresent()) {
                uninstall(previousOwner.get().name(), fileName, trigger, false);
            }
            return deploy(jar, fileName, Source.HOT_FOLDER, trigger, othersUnderWay);
        } finally {
            StagedJar.discard(jar.staged());
        }
    }

    /**
     * Applies a jar handed to the engine: the same transaction as a file, and once it has committed the jar is
     * written into {@code hot/} as the plugin's file.
     */
    ChangeResult install(Path file, String sha256, Trigger trigger) {
        StagedJar jar;
        try {
            jar = StagedJar.stage(file, kiln.stagingFolder, sha256);
        } catch (StagedJar.StillBeingWritten e) {
            return new Transaction(kiln, file.getFileName().toString(), Action.INSTALL, trigger)
                    .end(Outcome.REJECTED, file.getFileName() + ": changed while Kiln read it; send it again once it is written");
        } catch (RejectedException e) {
            return new Transaction(kiln, file.getFileName().toString(), Action.INSTALL, trigger).end(Outcome.REJECTED, e.getMessage());
        }
        try {
            String fileName = kiln.records.plugin(jar.name()).map(PluginRecord::file).filter(f -> !f.isEmpty())
                    .orElseGet(() -> freeFileName(jar.name()));
            return deploy(jar.named(fileName), fileName, Source.API, trigger, () -> false).orElseThrow();
        } catch (DeferredException e) {
            throw new IllegalStateException("an API install is never deferred", e);
        } finally {
            StagedJar.discard(jar.staged());
        }
    }

    /**
     * A new plugin's file in {@code hot/}: {@code <name>.jar}, or {@code <name>-2.jar} and so on when that file is
     * there already (another plugin's, or one Kiln refused): writing over it would change another plugin.
     */
    private String freeFileName(String plugin) {
        String base = AtomicFiles.safeName(plugin);
        String name = base + ".jar";
        for (int n = 2; kiln.fileExists(name) || kiln.records.byFile(name).isPresent(); n++) {
            name = base + "-" + n + ".jar";
        }
        return name;
    }

    private Optional<ChangeResult> deploy(StagedJar jar, String fileName, Source source, Trigger trigger,
            BooleanSupplier othersUnderWay) throws DeferredException {
        ReentrantLock lock = kiln.lock(jar.name());
        lock.lock();
        try {
            if (source == Source.HOT_FOLDER && !jar.sourceUnchanged()) {
                // replaced while this waited for the plugin's lock (by the engine API, say): its new content has an
                // event of its own, and this one must not undo it
                LOG.debug("{}: replaced while waiting; its newer content is applied instead", fileName);
                return Optional.empty();
            }
            Optional<PluginRecord> record = kiln.records.plugin(jar.name());
            if (record.isPresent() && !record.get().file().equals(fileName) && kiln.fileExists(record.get().file())) {
                return reject(jar, fileName, source, trigger, Action.INSTALL, fileName + ": plugin " + jar.name()
                        + " is already provided by " + record.get().file() + " (same Bundle-SymbolicName); remove one of them");
            }
            Optional<Bundle> bundle = kiln.bundle(jar.name());
            if (record.isPresent() && bundle.isPresent() && runs(record.get(), jar, source)) {
                return Optional.of(unchanged(record.get(), bundle.get(), fileName, trigger));
            }
            Action action = bundle.isEmpty() ? Action.INSTALL : Action.UPDATE;
            Transaction tx = new Transaction(kiln, jar.name(), action, trigger)
                    .versions(bundle.map(b -> b.getVersion().toString()).orElse(""), jar.version().toString());
            ChangeResult result;
            try {
                if (bundle.isEmpty()) {
                    result = start(tx, installResolved(jar), jar, fileName, source);
                } else {
                    kiln.resolveCheck.check(jar, DependentPlugins.of(kiln, bundle.get()));
                    result = update(tx, bundle.get(), record, jar, fileName, source);
                }
            } catch (UnresolvedException e) {
                if (othersUnderWay.getAsBoolean()) {
                    throw new DeferredException(e.getMessage());
                }
                return source == Source.HOT_FOLDER ? rejectWaiting(jar, fileName, e.getMessage(), action, trigger)
                        : reject(jar, fileName, source, trigger, action, e.getMessage());
            } catch (RejectedException e) {
                return reject(jar, fileName, source, trigger, action, e.getMessage());
            }
            if (source == Source.HOT_FOLDER) {
                if (result.succeeded()) {
                    kiln.records.clearRejection(fileName);
                } else {
                    kiln.records.reject(new PluginRecords.Rejection(fileName, jar.sha256(), jar.name(), result.error(), Instant.now()));
                }
            }
            return Optional.of(result);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the jar is the build that runs (or, from {@code hot/}, the file a rollback held back). */
    private static boolean runs(PluginRecord record, StagedJar jar, Source source) {
        return record.sha256().equals(jar.sha256()) || (source == Source.HOT_FOLDER && record.heldSha256().equals(jar.sha256()));
    }

    /** The same jar again (a restart, a touched file, a re-sent build): only make sure it runs as its record says. */
    private ChangeResult unchanged(PluginRecord record, Bundle bundle, String fileName, Trigger trigger) {
        if (!record.file().equals(fileName)) {
            kiln.records.put(record.withFile(fileName));
        }
        if (record.enabled() && bundle.getState() != Bundle.ACTIVE) {
            Transaction tx = new Transaction(kiln, record.name(), Action.START, trigger).versions(record.version(), record.version());
            try {
                kiln.lifecycle.start(bundle);
                kiln.verifier.verify(bundle, Map.of());
                return tx.end(Outcome.APPLIED, "");
            } catch (BundleException | StuckException | VerificationException e) {
                return tx.end(Outcome.FAILED, fileName + ": " + e.getMessage());
            }
        }
        return new Transaction(kiln, record.name(), Action.INSTALL, trigger).versions(record.version(), record.version())
                .unrecorded(Outcome.UNCHANGED, "");
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

    private ChangeResult start(Transaction tx, Bundle bundle, StagedJar jar, String fileName, Source source) {
        try {
            kiln.lifecycle.start(bundle);
            kiln.verifier.verify(bundle, Map.of());
            commit(jar, fileName, source, () -> kiln.records.put(PluginRecord.installed(jar, fileName)));
            return tx.end(Outcome.APPLIED, "");
        } catch (BundleException | StuckException | VerificationException | IOException | UncheckedIOException failure) {
            String reason = fileName + ": " + failure.getMessage();
            try {
                kiln.lifecycle.stop(bundle);
                kiln.lifecycle.uninstall(bundle);
                kiln.lifecycle.refresh(List.of(bundle));
            } catch (BundleException | StuckException e) {
                return tx.end(Outcome.FAILED, reason + "; and it could not be removed again: " + e.getMessage());
            }
            return tx.end(Outcome.ROLLED_BACK, reason);
        }
    }

    private ChangeResult update(Transaction tx, Bundle bundle, Optional<PluginRecord> existing, StagedJar jar,
            String fileName, Source source) {
        PluginRecord record = existing.orElseGet(() -> PluginRecord.installed(jar, fileName));
        Optional<Path> running = kiln.versions.bySha(record.name(), record.sha256()).map(VersionStore.Kept::jar);
        return swap.run(tx, bundle, record, jar.staged(), running, fileName + ": ", () -> {
            commit(jar, fileName, source, () -> kiln.records.put(record.running(jar, fileName)));
            prune(record.name(), jar.sha256());
        });
    }

    /**
     * Keeps the committed build and writes its record; a build handed to the API also becomes the plugin's file in
     * {@code hot/}, and the file is put back as it was if the record cannot be written (the change is then undone).
     */
    private void commit(StagedJar jar, String fileName, Source source, Runnable record) throws IOException {
        kiln.versions.keep(jar);
        if (source == Source.HOT_FOLDER) {
            record.run();
            return;
        }
        Path file = kiln.hotFolder.resolve(fileName);
        Optional<byte[]> before = Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        // FileInstall sees the file change and offers it; it is then the running build, so nothing happens
        AtomicFiles.write(file, Files.readAllBytes(jar.staged()));
        try {
            record.run();
        } catch (UncheckedIOException e) {
            if (before.isPresent()) {
                AtomicFiles.write(file, before.get());
            } else {
                Files.deleteIfExists(file);
            }
            throw e;
        }
    }

    /** The file is gone from {@code hot/}: uninstall the plugin it held. */
    Optional<ChangeResult> fileRemoved(Path file, Trigger trigger) {
        String fileName = file.getFileName().toString();
        kiln.records.clearRejection(fileName);
        return kiln.records.byFile(fileName).map(record -> uninstall(record.name(), fileName, trigger, false));
    }

    /** Uninstalls a plugin for the engine API, and deletes its file from {@code hot/}. */
    ChangeResult uninstall(String plugin, Trigger trigger) {
        String fileName = kiln.records.plugin(plugin).map(PluginRecord::file).orElse("");
        return uninstall(plugin, fileName, trigger, true);
    }

    /**
     * Uninstalls a plugin. Its kept versions and state stay on disk, for the day it returns. Its dependents are
     * left without it, by design, and the result says what each lacks.
     */
    private ChangeResult uninstall(String plugin, String fileName, Trigger trigger, boolean deleteFile) {
        ReentrantLock lock = kiln.lock(plugin);
        lock.lock();
        try {
            Optional<PluginRecord> record = kiln.records.plugin(plugin);
            Transaction tx = new Transaction(kiln, plugin, Action.UNINSTALL, trigger)
                    .versions(record.map(PluginRecord::version).orElse(""), "");
            if (record.isEmpty() || !record.get().file().equals(fileName)) {
                // another file has taken this plugin over meanwhile
                return tx.unrecorded(Outcome.UNCHANGED, "");
            }
            Optional<Bundle> bundle = kiln.bundle(plugin);
            List<DependentChange> left = List.of();
            try {
                if (bundle.isPresent()) {
                    DependentPlugins dependents = DependentPlugins.of(kiln, bundle.get());
                    kiln.lifecycle.stop(bundle.get());
                    kiln.lifecycle.uninstall(bundle.get());
                    kiln.lifecycle.refresh(List.of(bundle.get()));
                    left = dependents.leftWithout();
                }
                if (deleteFile && !fileName.isEmpty()) {
                    Files.deleteIfExists(kiln.hotFolder.resolve(fileName));
                }
                kiln.records.remove(plugin);
            } catch (BundleException | StuckException | IOException | UncheckedIOException e) {
                return tx.dependents(left).end(Outcome.FAILED, (fileName.isEmpty() ? plugin : fileName) + ": " + e.getMessage());
            }
            return tx.dependents(left).end(Outcome.APPLIED, "");
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
            if (Thread.currentThread().isInterrupted()) {
                return; // the engine is stopping
            }
            if (!kiln.fileExists(record.file())) {
                uninstall(record.name(), record.file(), Trigger.STARTUP, false);
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

    /** Refused: recorded, and for a file in {@code hot/} remembered so that the same content is not tried again. */
    private Optional<ChangeResult> reject(StagedJar jar, String fileName, Source source, Trigger trigger, Action action, String reason) {
        if (source == Source.HOT_FOLDER) {
            return rejectFile(fileName, jar.name(), jar.sha256(), reason, action, trigger);
        }
        String from = kiln.records.plugin(jar.name()).map(PluginRecord::version).orElse("");
        return Optional.of(new Transaction(kiln, jar.name(), from.isEmpty() ? action : Action.UPDATE, trigger)
                .versions(from, jar.version().toString()).end(Outcome.REJECTED, reason));
    }

    private Optional<ChangeResult> rejectFile(String fileName, String plugin, String sha256, String reason, Action action,
            Trigger trigger) {
        Optional<PluginRecords.Rejection> before = kiln.records.rejection(fileName);
        if (!sha256.isEmpty() && before.isPresent() && before.get().sha256().equals(sha256)) {
            return Optional.empty();
        }
        // a damaged jar over a running plugin is a refused update of that plugin
        Optional<PluginRecord> owner = plugin.isEmpty() ? kiln.records.byFile(fileName) : kiln.records.plugin(plugin);
        String subject = owner.map(PluginRecord::name).orElse(plugin.isEmpty() ? fileName : plugin);
        kiln.records.reject(new PluginRecords.Rejection(fileName, sha256, owner.map(PluginRecord::name).orElse(plugin), reason, Instant.now()));
        return Optional.of(new Transaction(kiln, subject, owner.isPresent() ? Action.UPDATE : action, trigger)
                .versions(owner.map(PluginRecord::version).orElse(""), "").end(Outcome.REJECTED, reason));
    }

    /** Refused for a missing requirement: recorded once, and tried again when another plugin arrives. */
    private Optional<ChangeResult> rejectWaiting(StagedJar jar, String fileName, String reason, Action action, Trigger trigger) {
        Optional<PluginRecords.Rejection> before = kiln.records.rejection(fileName);
        kiln.records.reject(new PluginRecords.Rejection(fileName, jar.sha256(), jar.name(), reason, Instant.now(), true));
        if (before.isPresent() && before.get().sha256().equals(jar.sha256()) && before.get().reason().equals(reason)) {
            return Optional.empty();
        }
        return Optional.of(new Transaction(kiln, jar.name(), action, trigger).versions("", jar.version().toString())
                .end(Outcome.REJECTED, reason));
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
