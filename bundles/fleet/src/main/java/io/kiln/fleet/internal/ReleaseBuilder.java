package io.kiln.fleet.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.kiln.runtime.api.BundleState;
import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.PluginInfo;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.SectionInfo;

/**
 * Makes a release of what this node runs, and checks it on the way: every enabled plugin must be active and work
 * fully here (its jar readable, resolved, its components satisfied, verified by its last change), every section the
 * fleet carries must be applied; one that is not refuses the release before any other node is touched.
 */
final class ReleaseBuilder {

    private final PluginService plugins;
    private final ConfigService config;
    private final BlobStore blobs;
    private final Path hot;
    private final Path conf;

    ReleaseBuilder(PluginService plugins, ConfigService config, BlobStore blobs, Path hot, Path conf) {
        this.plugins = plugins;
        this.config = config;
        this.blobs = blobs;
        this.hot = hot;
        this.conf = conf;
    }

    Release build(String node, String source, List<String> sectionPids, long now) throws FleetRefusal, IOException {
        List<String> problems = new ArrayList<>();
        List<ReleasePlugin> carried = new ArrayList<>();
        for (PluginInfo plugin : plugins.list()) {
            if (!plugin.enabled()) {
                continue;
            }
            if (plugin.state() != BundleState.ACTIVE || plugin.degraded() || plugin.file().isEmpty()) {
                problems.add(plugin.name() + " is " + plugin.state() + (plugin.file().isEmpty() ? ", its file gone" : "")
                        + (plugin.problems().isEmpty() ? "" : ": " + String.join("; ", plugin.problems())));
                continue;
            }
            Path jar = hot.resolve(plugin.file());
            if (!Files.isRegularFile(jar)) {
                problems.add(plugin.name() + ": " + jar + " is not a file");
                continue;
            }
            ReleasePlugin kept = blobs.keep(plugin.name(), plugin.version(), jar);
            if (!plugins.runningSha256(plugin.name()).map(kept.sha256()::equals).orElse(false)) {
                // after a rollback the file in hot/ is the newer build, held back: it is not what runs here
                problems.add(plugin.name() + ": " + jar + " is not the build that runs (a rollback held it back); install the build to publish");
                continue;
            }
            carried.add(kept);
        }
        for (io.kiln.runtime.api.RejectedFile refused : plugins.status().rejected()) {
            if (refused.file().endsWith(".jar")) {
                // a jar in hot/ that Kiln refused would be left out of the release without a word
                problems.add(refused.file() + " in hot/ was refused (" + refused.reason() + "): fix it or remove it");
            }
        }
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        for (String pid : sectionPids) {
            Optional<SectionInfo> section = config.section(pid);
            if (section.isEmpty()) {
                problems.add("section " + pid + ": there is no conf/" + pid + ".cfg here");
            } else if (section.get().state() != null && !section.get().state().succeeded()) {
                problems.add("section " + pid + " is " + section.get().state() + ": " + section.get().reason());
            } else {
                sections.put(pid, values(conf.resolve(section.get().file())));
            }
        }
        if (!problems.isEmpty()) {
            throw new FleetRefusal("not published, this node does not run it cleanly: " + String.join("; ", problems));
        }
        if (carried.isEmpty() && sections.isEmpty()) {
            throw new FleetRefusal("not published: this node runs no plugin and the fleet carries no section (io.kiln.fleet's sections)");
        }
        return new Release("", carried, sections, node, source, now);
    }

    /** The values as the file holds them, the form {@link ConfigService#set} takes. */
    private static Map<String, String> values(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Map<String, String> values = new java.util.TreeMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
        return values;
    }
}
