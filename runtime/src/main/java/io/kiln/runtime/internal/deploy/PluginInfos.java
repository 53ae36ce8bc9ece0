package io.kiln.runtime.internal.deploy;

import java.util.List;

import java.util.Optional;

import org.osgi.framework.Bundle;

import io.kiln.runtime.api.PluginInfo;
import io.kiln.runtime.api.RejectedFile;
import io.kiln.runtime.api.RuntimeStatus;

/** Answers "what runs?" from the framework and Kiln's records, without changing anything. */
final class PluginInfos {

    private final DeployContext kiln;

    PluginInfos(DeployContext kiln) {
        this.kiln = kiln;
    }

    List<PluginInfo> all() {
        return kiln.records.plugins().stream().map(this::info).toList();
    }

    Optional<PluginInfo> one(String name) {
        return kiln.records.plugin(name).map(this::info);
    }

    RuntimeStatus status() {
        List<PluginInfo> plugins = all();
        List<RejectedFile> rejected = kiln.records.rejections().stream().map(PluginRecords.Rejection::toApi).toList();
        List<String> stuck = kiln.lifecycle.stuck().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).sorted().toList();
        return new RuntimeStatus(plugins.size(), (int) plugins.stream().filter(p -> p.state().equals("ACTIVE")).count(),
                (int) plugins.stream().filter(p -> !p.enabled()).count(), rejected, stuck);
    }

    private PluginInfo info(PluginRecord record) {
        Optional<Bundle> bundle = kiln.bundle(record.name());
        String state = bundle.map(b -> BundleStates.name(b.getState())).orElse("UNINSTALLED");
        String version = bundle.map(b -> b.getVersion().toString()).orElse(record.version());
        List<String> previous = kiln.versions.kept(record.name()).stream()
                .filter(k -> !k.sha256().equals(record.sha256())).map(VersionStore.Kept::version).toList();
        return new PluginInfo(record.name(), version, state, record.enabled(), record.file(), record.lastOutcome(),
                record.lastError(), record.lastChange(), previous);
    }

}
