package io.kiln.runtime.internal.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.Trigger;

/**
 * Refused jars: each refusal recorded, and a file in {@code hot/} remembered by its content so that it is not tried
 * again until it changes — except one refused for a missing requirement, tried again when another plugin arrives.
 */
final class Refusals {

    private final DeployContext kiln;

    Refusals(DeployContext kiln) {
        this.kiln = kiln;
    }

    /** @return whether this file was refused before in exactly this content (and is not waiting for a requirement) */
    boolean refusedBefore(String fileName, String sha256) {
        Optional<PluginRecords.Rejection> refused = kiln.records.rejection(fileName);
        return refused.isPresent() && refused.get().sha256().equals(sha256) && !refused.get().waiting();
    }

    /**
     * A file's new content passed validation: an earlier refusal of the file no longer stands, before the change is
     * applied (so that nothing that sees the new version meanwhile sees it refused).
     */
    void passed(String fileName, JarDeployments.Source source) {
        if (source != JarDeployments.Source.API) {
            kiln.records.clearRejection(fileName);
        }
    }

    /** A file's change failed after it passed validation (rolled back, or failed): that content is refused. */
    void failed(String fileName, StagedJar jar, ChangeResult result) {
        kiln.records.reject(new PluginRecords.Rejection(fileName, jar.sha256(), jar.name(), result.error(), Instant.now()));
    }

    /**
     * A source folder's build failed or was refused after it compiled: that content of its sources is not built again
     * until it changes.
     */
    void failedSources(String folderName, String sourcesHash, String plugin, String reason) {
        if (kiln.records.rejection(folderName).map(PluginRecords.Rejection::waiting).orElse(false)) {
            return; // refused for a missing requirement: remembered by its bundle, and tried again when one arrives
        }
        kiln.records.reject(new PluginRecords.Rejection(folderName, sourcesHash, plugin, reason, Instant.now()));
    }

    /** @return the source folders in {@code hot/} whose build was refused, to try again when a new plugin arrives */
    List<Path> refusedFolders() {
        return kiln.records.rejections().stream().map(r -> kiln.hotFolder.resolve(r.file())).filter(Files::isDirectory).toList();
    }

    /** Refused: recorded, and for a file in {@code hot/} remembered so that the same content is not tried again. */
    Optional<ChangeResult> reject(StagedJar jar, String fileName, JarDeployments.Source source, Trigger trigger, Action action,
            String reason, List<DependentChange> dependents) {
        if (source == JarDeployments.Source.HOT_FOLDER) {
            return rejectFile(fileName, jar.name(), jar.version().toString(), jar.sha256(), reason, action, trigger, dependents);
        }
        String from = kiln.records.plugin(jar.name()).map(PluginRecord::version).orElse("");
        return Optional.of(new Transaction(kiln, jar.name(), from.isEmpty() ? action : Action.UPDATE, trigger)
                .versions(from, jar.version().toString()).dependents(dependents).end(Outcome.REJECTED, reason));
    }

    /**
     * @param version the refused build's version, or empty when the file could not be read as a plugin
     */
    Optional<ChangeResult> rejectFile(String fileName, String plugin, String version, String sha256, String reason, Action action,
            Trigger trigger, List<DependentChange> dependents) {
        Optional<PluginRecords.Rejection> before = kiln.records.rejection(fileName);
        if (!sha256.isEmpty() && before.isPresent() && before.get().sha256().equals(sha256)) {
            return Optional.empty();
        }
        // a damaged jar over a running plugin is a refused update of that plugin
        Optional<PluginRecord> owner = plugin.isEmpty() ? kiln.records.byFile(fileName) : kiln.records.plugin(plugin);
        String subject = owner.map(PluginRecord::name).orElse(plugin.isEmpty() ? fileName : plugin);
        kiln.records.reject(new PluginRecords.Rejection(fileName, sha256, owner.map(PluginRecord::name).orElse(plugin), reason, Instant.now()));
        return Optional.of(new Transaction(kiln, subject, owner.isPresent() ? Action.UPDATE : action, trigger)
                .versions(owner.map(PluginRecord::version).orElse(""), version).dependents(dependents).end(Outcome.REJECTED, reason));
    }

    /** Refused for a missing requirement: recorded once, and tried again when another plugin arrives. */
    Optional<ChangeResult> rejectWaiting(StagedJar jar, String fileName, String reason, Action action, Trigger trigger) {
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
                .map(r -> kiln.hotFolder.resolve(r.file())).filter(Files::isRegularFile).toList();
    }
}
