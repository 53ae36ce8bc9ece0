package io.kiln.runtime.internal.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;

import io.kiln.runtime.api.ChangeImpact;
import io.kiln.runtime.api.DependentImpact;
import io.kiln.runtime.api.PluginGraph;
import io.kiln.runtime.api.PluginInfo;
import io.kiln.runtime.api.PluginLink;

/**
 * Answers "who uses whom, and what would a change restart?" from one {@link DependencyGraph}, taken at once, without
 * changing anything. What a new build would restart is decided by {@link Restarts}, the rule the history's account of
 * a change comes from, for a swap that refreshes the plugin (every update and rollback does) and drops no handle.
 */
final class PluginGraphs {

    private final DeployContext kiln;
    private final PluginInfos infos;

    PluginGraphs(DeployContext kiln, PluginInfos infos) {
        this.kiln = kiln;
        this.infos = infos;
    }

    PluginGraph now() {
        List<Bundle> bundles = kiln.pluginBundles();
        DependencyGraph graph = new DependencyGraph(bundles);
        List<PluginInfo> plugins = infos.all(graph);
        List<PluginLink> links = new ArrayList<>();
        for (Bundle dependent : bundles) {
            for (DependencyGraph.Use use : graph.uses(dependent)) {
                links.add(new PluginLink(dependent.getSymbolicName(), use.provider().getSymbolicName(), use.kind(), use.used(), use.words(),
                        Restarts.restartsThrough(use.kind(), true, false)));
            }
        }
        Restarts restarts = new Restarts(graph);
        List<ChangeImpact> impacts = plugins.stream()
                .map(p -> impact(p.name(), kiln.bundle(p.name()).filter(bundles::contains), graph, restarts)).toList();
        return new PluginGraph(plugins, links, impacts);
    }

    private static ChangeImpact impact(String name, Optional<Bundle> plugin, DependencyGraph graph, Restarts restarts) {
        if (plugin.isEmpty()) {
            return new ChangeImpact(name, List.of()); // not installed: nothing depends on it
        }
        List<Bundle> dependents = graph.startOrder(graph.dependentsOf(plugin.get()));
        Map<Bundle, String> restarted = restarts.of(plugin.get(), true, dependents, List.of());
        return new ChangeImpact(name, dependents.stream().map(d -> new DependentImpact(d.getSymbolicName(), graph.why(d, plugin.get()),
                restarted.getOrDefault(d, ""))).toList());
    }
}
