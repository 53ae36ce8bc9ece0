package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import io.kiln.files.AtomicFiles;
import io.kiln.runtime.internal.store.FileNames;

/**
 * The transactions a jar starts, whether it was dropped into {@code hot/} or handed to the engine API: install and
 * update. Validate, back up, apply, verify the plugin and its dependents, then commit or roll back: the running
 * plugin is touched only once the new jar has been read, checked and found resolvable (its dependents included),
 * and is put back as it was if the new one fails. Taking a plugin away is {@link Uninstalls}' part; remembering
 * what was refused, {@link Refusals}'.
 */
final class JarDeployments {

    private static final Logger LOG = LoggerFactory.getLogger(JarDeployments.class);

    /** Where a jar comes from, which decides where a refusal is remembered and where a committed jar is kept. */
    enum Source {
        /** A file in {@code hot/}: a refusal is remembered against the file until its content changes. */
        HOT_FOLDER,
        /** A caller of the engine API: nothing is written into {@code hot/} until the change has committed. */
        API,
        /**
         * A build of a source folder in {@code hot/}: the folder is the plugin's file, and {@link SourceDeployments}
         * remembers a refusal against the sources' content, which is what changes.
         */
        SOURCE_FOLDER
    }

    private final DeployContext kiln;
    private final VersionSwap swap;
    private final Refusals refusals;
    private final Uninstalls uninstalls;
    private final WaitingPlugins waiting;

    JarDeployments(DeployContext kiln, Refusals refusals, Uninstalls uninstalls) {
        this.kiln = kiln;
        this.waiting = new WaitingPlugins(kiln);
        this.swap = new VersionSwap(kiln);
        this.refusals = refusals;
        this.uninstalls = uninstalls;
    }

    /**
     * Applies the jar now in {@code file} in {@code hot/}.
     *
     * @return how it ended, or empty when the file is still being written (it is offered again once stable)
     *         or was refused before in this same content
     */
    Optional<ChangeResult> deployFile(Path file, Trigger trigger, BooleanSupplier othersUnderWay) throws DeferredException {
        String fileName = file.getFileName().toString();
        Optional<ChangeResult> same = sameAsRunning(file, fileName, trigger);
        if (same.isPresent()) {
            return same;
        }
        StagedJar jar;
        try {
            jar = StagedJar.stage(file, kiln.stagingFolder);
        } catch (StagedJar.StillBeingWritten e) {
            LOG.debug("{}: still being written; waiting for it to settle", fileName);
            return Optional.empty();
        } catch (RejectedException e) {
            return refusals.rejectFile(fileName, "", "", e.sha256(), e.getMessage(), Action.INSTALL, trigger, List.of());
        }
        try {
            if (refusals.refusedBefore(fileName, jar.sha256())) {
                LOG.debug("{}: refused before in this content; waiting for it to change", fileName);
                return Optional.empty();
            }
            // the file used to hold another plugin: that one goes, this one comes
            Optional<PluginRecord> previousOwner = kiln.records.byFile(fileName).filter(r -> !r.name().equals(jar.name()));
            if (previousOwner.isPresent()) {
                uninstalls.uninstall(previousOwner.get().name(), fileName, trigger, false);
            }
            return deploy(jar, fileName, Source.HOT_FOLDER, trigger, othersUnderWay);
        } finally {
            StagedJar.discard(jar.staged());
        }
    }

    /**
     * The file holds, byte for byte, the build its plugin runs (as every file does when Kiln starts again, or a file only
     * touched): known by its hash, without staging and checking its entries again, for that content was checked when it
     * was applied.
     *
     * @return what {@link #unchanged} says, or empty when the file holds something else (or cannot be read now)
     */
    private Optional<ChangeResult> sameAsRunning(Path file, String fileName, Trigger trigger) {
        Optional<PluginRecord> owner = kiln.records.byFile(fileName);
        Optional<String> sha = owner.isPresent() ? StagedJar.hashOf(file) : Optional.empty();
        if (sha.isEmpty()) {
            return Optional.empty();
        }
        ReentrantLock lock = kiln.lock(owner.get().name());
        lock.lock();
        try {
            Optional<PluginRecord> record = kiln.records.plugin(owner.get().name()).filter(r -> r.file().equals(fileName));
            Optional<Bundle> bundle = kiln.bundle(owner.get().name());
            if (record.isEmpty() || bundle.isEmpty()
                    || !(record.get().sha256().equals(sha.get()) || record.get().heldSha256().equals(sha.get()))) {
                return Optional.empty();
            }
            refusals.passed(fileName, Source.HOT_FOLDER);
            return Optional.of(unchanged(record.get(), bundle.get(), fileName, trigger));
        } finally {
            lock.unlock();
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
     * Applies the bundle built from a source folder in {@code hot/}: the same transaction as a jar in {@code hot/},
     * the folder standing for the jar's file.
     */
    Optional<ChangeResult> deployBuilt(Path built, String folderName, Trigger trigger) {
        StagedJar jar;
        try {
            jar = StagedJar.stage(built, kiln.stagingFolder).named(folderName);
        } catch (StagedJar.StillBeingWritten | RejectedException e) {
            throw new IllegalStateException("a bundle Kiln built itself cannot be read back: " + e.getMessage(), e);
        }
        try {
            Optional<PluginRecord> previousOwner = kiln.records.byFile(folderName).filter(r -> !r.name().equals(jar.name()));
            if (previousOwner.isPresent()) {
                uninstalls.uninstall(previousOwner.get().name(), folderName, trigger, false);
            }
            return deploy(jar, folderName, Source.SOURCE_FOLDER, trigger, () -> false);
        } catch (DeferredException e) {
            throw new IllegalStateException("a source folder's build is never deferred", e);
        } finally {
            StagedJar.discard(jar.staged());
        }
    }

    /**
     * A new plugin's file in {@code hot/}: {@code <name>.jar}, or {@code <name>-2.jar} and so on when that file is
     * there already (another plugin's, or one Kiln refused): writing over it would change another plugin.
     */
    private String freeFileName(String plugin) {
        String base = FileNames.safeName(plugin);
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
                return refusals.reject(jar, fileName, source, trigger, Action.INSTALL, fileName + ": plugin " + jar.name()
                        + " is already provided by " + record.get().file() + " (same Bundle-SymbolicName); remove one of them", List.of());
            }
            Optional<Bundle> bundle = kiln.bundle(jar.name());
            if (record.isPresent() && bundle.isPresent() && runs(record.get(), jar, source)) {
                // the file holds what runs again: a refusal of what it held in between no longer stands
                refusals.passed(fileName, source);
                return Optional.of(unchanged(record.get(), bundle.get(), fileName, trigger));
            }
            Action action = bundle.isEmpty() ? Action.INSTALL : Action.UPDATE;
            Transaction tx = new Transaction(kiln, jar.name(), action, trigger)
                    .versions(bundle.map(b -> b.getVersion().toString()).orElse(""), jar.version().toString());
            ChangeResult result;
            try {
                if (bundle.isEmpty()) {
                    Bundle installed = installResolved(jar);
                    refusals.passed(fileName, source);
                    result = start(tx, installed, jar, fileName, source);
                } else {
                    kiln.resolveCheck.check(jar, DependentPlugins.of(kiln, bundle.get()));
                    refusals.passed(fileName, source);
                    result = update(tx, bundle.get(), record, jar, fileName, source);
                }
            } catch (UnresolvedException e) {
                if (othersUnderWay.getAsBoolean()) {
                    throw new DeferredException(e.getMessage());
                }
                return source != Source.API ? refusals.rejectWaiting(jar, fileName, e.getMessage(), action, trigger)
                        : refusals.reject(jar, fileName, source, trigger, action, e.getMessage(), List.of());
            } catch (RejectedException e) {
                return refusals.reject(jar, fileName, source, trigger, action, e.getMessage(), e.dependents());
            }
            if (source == Source.HOT_FOLDER && !result.succeeded()) {
                refusals.failed(fileName, jar, result);
            }
            return Optional.of(result);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the jar is the build that runs (or, from {@code hot/}, the file or sources a rollback held back). */
    private static boolean runs(PluginRecord record, StagedJar jar, Source source) {
        return record.sha256().equals(jar.sha256()) || (source != Source.API && record.heldSha256().equals(jar.sha256()));
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
            return tx.dependents(waiting.startFor(List.of(bundle))).end(Outcome.APPLIED, "");
        } catch (BundleException | StuckException | VerificationException | IOException | UncheckedIOException failure) {
            String reason = fileName + ": " + failure.getMessage();
            try {
                kiln.lifecycle.stop(bundle);
                tx.leftovers(kiln.memory.stopped(bundle));
                kiln.lifecycle.uninstall(bundle);
                tx.refreshed(kiln.lifecycle.refresh(List.of(bundle)));
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
     * A file or source folder in {@code hot/} is the user's, and left as it is.
     */
    private void commit(StagedJar jar, String fileName, Source source, Runnable record) throws IOException {
        kiln.versions.keep(jar);
        if (source != Source.API) {
            record.run();
            return;
        }
        Path file = kiln.hotFolder.resolve(fileName);
        Optional<byte[]> before = Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        // FileInstall sees the file change and offers it; it is then the running build, so nothing happens
        AtomicFiles.write(file, Files.readAllBytes(jar.staged()));
        try {
            record.run();
            // the file now holds the running build: what it held before, refused or not, is gone
            kiln.records.clearRejection(fileName);
        } catch (UncheckedIOException e) {
            if (before.isPresent()) {
                AtomicFiles.write(file, before.get());
            } else {
                AtomicFiles.delete(file);
            }
            throw e;
        }
    }

    private void prune(String plugin, String runningSha256) {
        try {
            kiln.versions.prune(plugin, runningSha256);
        } catch (IOException e) {
            LOG.warn("Cannot prune the kept versions of {}: {}", plugin, e.toString());
        }
    }
}
