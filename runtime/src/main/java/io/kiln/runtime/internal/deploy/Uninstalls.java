package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.files.AtomicFiles;
import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.Trigger;

/**
 * The transaction that takes a plugin away: its file gone from {@code hot/}, the engine API asked, or another plugin's
 * jar taking its file. Its kept versions and state stay on disk, for the day it returns.
 */
final class Uninstalls {

    private static final Logger LOG = LoggerFactory.getLogger(Uninstalls.class);

    private final DeployContext kiln;

    Uninstalls(DeployContext kiln) {
        this.kiln = kiln;
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
    ChangeResult uninstall(String plugin, String fileName, Trigger trigger, boolean deleteFile) {
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
                    tx.leftovers(kiln.memory.stopped(bundle.get()));
                    kiln.lifecycle.uninstall(bundle.get());
                    tx.refreshed(kiln.lifecycle.refresh(List.of(bundle.get())));
                    left = dependents.leftWithout();
                }
                if (deleteFile && !fileName.isEmpty()) {
                    removeFromHot(fileName);
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
     * Takes the plugin's file out of {@code hot/}. A jar is deleted (Kiln keeps its builds); a source folder holds
     * the user's only copy of their sources, so it is set aside as {@code _<name>}, which Kiln skips.
     */
    private void removeFromHot(String fileName) throws IOException {
        Path file = kiln.hotFolder.resolve(fileName);
        // synced: a removal the disk forgot would bring the plugin back at the next start
        if (!Files.isDirectory(file)) {
            AtomicFiles.delete(file);
            return;
        }
        Path aside = kiln.hotFolder.resolve("_" + fileName);
        for (int n = 2; Files.exists(aside); n++) {
            aside = kiln.hotFolder.resolve("_" + fileName + "-" + n);
        }
        Files.move(file, aside);
        AtomicFiles.syncFolder(kiln.hotFolder);
        LOG.info("{}: removed from hot/; its sources are kept in {}", fileName, aside.getFileName());
    }
}
