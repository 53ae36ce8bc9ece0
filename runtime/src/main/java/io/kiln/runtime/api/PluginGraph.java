package io.kiln.runtime.api;

import java.util.List;
import java.util.Optional;

/**
 * The plugins and who uses whose packages and services, as the framework sees it now, with what a new build of each
 * would restart. A snapshot: taken at once, it changes with the next change.
 *
 * @param plugins the plugins, as {@link PluginService#list()} gives them, sorted by name
 * @param links   every link between two plugins, by dependent and then provider
 * @param impacts for each plugin, in the order of {@code plugins}, what a new build of it would restart
 * @since 2.4
 */
public record PluginGraph(List<PluginInfo> plugins, List<PluginLink> links, List<ChangeImpact> impacts) {

    public PluginGraph {
        plugins = List.copyOf(plugins);
        links = List.copyOf(links);
        impacts = List.copyOf(impacts);
    }

    /** @return the links of {@code dependent} to what it uses: its dependencies */
    public List<PluginLink> linksFrom(String dependent) {
        return links.stream().filter(l -> l.dependent().equals(dependent)).toList();
    }

    /** @return the links of the plugins that use something of {@code provider}: its direct dependents */
    public List<PluginLink> linksTo(String provider) {
        return links.stream().filter(l -> l.provider().equals(provider)).toList();
    }

    /** @return what a new build of the plugin of that name would restart; empty if there is no such plugin */
    public Optional<ChangeImpact> impactOfChangeTo(String plugin) {
        return impacts.stream().filter(i -> i.plugin().equals(plugin)).findFirst();
    }
}
