package io.kiln.http.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kiln.runtime.api.ChangeImpact;
import io.kiln.runtime.api.DependentImpact;
import io.kiln.runtime.api.PluginGraph;
import io.kiln.runtime.api.PluginInfo;
import io.kiln.runtime.api.PluginLink;

/** The JSON of the plugins' dependency graph: each plugin with what a change to it would restart, and the links. */
final class GraphJson {

    private GraphJson() {
    }

    static Map<String, Object> graph(PluginGraph graph) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plugins", graph.plugins().stream().map(p -> plugin(p, graph)).toList());
        m.put("links", links(graph.links()));
        return m;
    }

    /** One plugin: itself, what it uses, what uses it, and what a change to it would restart. */
    static Map<String, Object> plugin(PluginInfo p, PluginGraph graph) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("version", p.version());
        m.put("state", p.state().name());
        m.put("enabled", p.enabled());
        m.put("degraded", p.degraded());
        m.put("problems", p.problems());
        m.put("uses", graph.linksFrom(p.name()).stream().map(PluginLink::provider).distinct().toList());
        m.put("usedBy", graph.linksTo(p.name()).stream().map(PluginLink::dependent).distinct().toList());
        m.put("change", graph.impactOfChangeTo(p.name()).map(GraphJson::change)
                .orElseGet(() -> change(new ChangeImpact(p.name(), List.of()))));
        return m;
    }

    static List<Map<String, Object>> links(List<PluginLink> links) {
        return links.stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dependent", l.dependent());
            m.put("provider", l.provider());
            m.put("kind", l.kind().label());
            m.put("used", l.used());
            m.put("why", l.why());
            m.put("restartsDependent", l.restartsDependent());
            return m;
        }).toList();
    }

    private static Map<String, Object> change(ChangeImpact impact) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("restarts", impact.restarted().stream().map(DependentImpact::plugin).toList());
        m.put("dependents", impact.dependents().stream().map(d -> {
            Map<String, Object> dependent = new LinkedHashMap<>();
            dependent.put("plugin", d.plugin());
            dependent.put("why", d.why());
            dependent.put("restarts", d.restarts());
            dependent.put("restart", d.restart());
            return dependent;
        }).toList());
        return m;
    }
}
