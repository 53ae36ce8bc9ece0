package io.kiln.runtime.internal.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;

import io.kiln.runtime.api.BundleState;
import io.kiln.runtime.api.KeptVersion;
import io.kiln.runtime.api.PluginInfo;
import io.kiln.runtime.api.RejectedFile;
import io.kiln.runtime.api.RuntimeStatus;

/** Answers "what runs, and how well?" from the framework, SCR and Kiln's records, without changing anything. */
final class PluginInfos {

    private final DeployContext kiln;
    private final StartupRecoveries recoveries;

    PluginInfos(DeployContext kiln, StartupRecoveries recoveries) {
        this.kiln = kiln;
        this.recoveries = recoveries;
    }

    List<PluginInfo> all() {
        return all(new DependencyGraph(kiln.pluginBundles()));
    }

    /** @return every plugin, its dependents as {@code graph} has them */
    List<PluginInfo> all(DependencyGraph graph) {
        return kiln.records.plugins().stream().map(r -> info(r, graph)).toList();
    }

    Optional<PluginInfo> one(String name) {
        return kiln.records.plugin(name).map(r -> info(r, new DependencyGraph(kiln.pluginBundles())));
    }

    /** @param queued how many file changes wait in the transaction queue, which this class does not see */
    RuntimeStatus status(int queued) {
        List<PluginInfo> plugins = all();
        List<RejectedFile> rejected = kiln.records.rejections().stream().map(PluginRecords.Rejection::toApi).toList();
        List<String> stuck = kiln.lifecycle.stuck().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).sorted().toList();
        return new RuntimeStatus(plugins.size(),
                (int) plugins.stream().filter(p -> p.state() == BundleState.ACTIVE && !p.degraded()).count(),
                (int) plugins.stream().filter(PluginInfo::degraded).count(),
                (int) plugins.stream().filter(p -> !p.enabled()).count(), rejected, stuck, kiln.memory.retained(), queued,
                recoveries.lines());
    }

    private PluginInfo info(PluginRecord record, DependencyGraph graph) {
        Optional<Bundle> bundle = kiln.bundle(record.name());
        BundleState state = bundle.map(b -> BundleState.of(b.getState())).orElse(BundleState.UNINSTALLED);
        String version = bundle.map(b -> b.getVersion().toString()).orElse(record.version());
        List<KeptVersion> previous = kiln.versions.kept(record.name()).stream()
                .filter(k -> !k.sha256().equals(record.sha256())).map(VersionStore.Kept::toApi).toList();
        List<String> dependents = bundle.map(b -> graph.dependentsOf(b).stream().map(Bundle::getSymbolicName).sorted().toList())
                .orElse(List.of());
        return new PluginInfo(record.name(), version, state, record.enabled(), record.file(), record.lastOutcome(),
                record.lastError(), record.lastChange(), previous, problems(record, bundle, state), dependents);
    }

    private List<String> problems(PluginRecord record, Optional<Bundle> bundle, BundleState state) {
        List<String> problems = new ArrayList<>();
        if (!record.enabled()) {
            return problems;
        }
        if (bundle.isEmpty()) {
            problems.add("not installed");
            return problems;
        }
        switch (state) {
            case INSTALLED -> problems.add("not resolved: " + kiln.resolveCheck.missing(bundle.get()));
            case RESOLVED -> problems.add("not started");
            default -> {
                // running or on its way: its components say the rest
            }
        }
        kiln.lifecycle.stuck().entrySet().stream().filter(e -> e.getKey().equals(record.name()))
                .forEach(e -> problems.add("stuck in " + e.getValue()));
        problems.addAll(kiln.components.problems(bundle.get()));
        return problems;
    }
}
