package io.kiln.fleet.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a fleet should run, immutable once published: the plugin jars by hash and the configuration sections' values.
 * The jars themselves are never in ZooKeeper; {@link #source()} is the admin API of the node that published the
 * release, which serves them by hash.
 *
 * @param id          the release's name in the fleet ({@code r-0000000007}), given by ZooKeeper as it is stored
 * @param plugins     sorted by name
 * @param sections    each section's values as its file holds them, by PID
 * @param publishedBy the node that published it
 * @param source      that node's admin API, where the jars are fetched ({@code http://127.0.0.1:8181/})
 * @param publishedAt milliseconds since the epoch
 */
record Release(String id, List<ReleasePlugin> plugins, Map<String, Map<String, String>> sections, String publishedBy,
        String source, long publishedAt) {

    /** The release of a fleet that has never had one: nothing the fleet put there runs. */
    static final Release NONE = new Release("", List.of(), Map.of(), "", "", 0);

    Release {
        List<ReleasePlugin> sorted = new ArrayList<>(plugins);
        sorted.sort(Comparator.comparing(ReleasePlugin::name));
        plugins = List.copyOf(sorted);
        TreeMap<String, Map<String, String>> copy = new TreeMap<>();
        sections.forEach((pid, values) -> copy.put(pid, Map.copyOf(values)));
        sections = java.util.Collections.unmodifiableMap(copy);
    }

    Release withId(String newId) {
        return new Release(newId, plugins, sections, publishedBy, source, publishedAt);
    }

    Optional<ReleasePlugin> plugin(String name) {
        return plugins.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    boolean none() {
        return id.isEmpty();
    }
}
