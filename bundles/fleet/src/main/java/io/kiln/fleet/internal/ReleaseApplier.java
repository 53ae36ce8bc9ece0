package io.kiln.fleet.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.BundleState;
import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.PluginInfo;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.SectionInfo;
import io.kiln.runtime.api.SectionResult;
import io.kiln.runtime.api.Trigger;

/**
 * Brings this node from one release to another through its own engine: each plugin installed or updated as a
 * transaction of its own (validated, its dependents restarted and verified, rolled back on failure), plugins of the
 * old release that the new one drops uninstalled, then the sections set. The first change that fails undoes the ones
 * before it, newest first, so that a release is applied whole or not at all and the node runs what it ran before.
 */
final class ReleaseApplier {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseApplier.class);

    private final PluginService plugins;
    private final ConfigService config;
    private final BlobStore blobs;
    ReleaseApplier(PluginService plugins, ConfigService config, BlobStore blobs) {
        this.plugins = plugins;
        this.config = config;
        this.blobs = blobs;
    }

    /** How applying a release ended: {@code null} error when it applied. */
    record Applied(String error, int changes) {
        boolean succeeded() {
            return error == null;
        }
    }

    /**
     * @param sources the admin APIs that may hold the jars, in the order to ask them
     */
    Applied apply(Release from, Release to, List<String> sources, String secret) throws InterruptedException {
        Deque<Runnable> undo = new ArrayDeque<>();
        int changes = 0;
        try {
            for (ReleasePlugin plugin : to.plugins()) {
                Optional<PluginInfo> running = plugins.plugin(plugin.name());
                if (running.isPresent() && runs(running.get(), plugin)) {
                    continue;
                }
                Path jar = blobs.fetch(plugin, sources, secret);
                ChangeResult result = plugins.install(jar, plugin.sha256(), Trigger.FLEET);
                if (!result.succeeded()) {
                    return undone(undo, plugin.name() + " " + plugin.version() + ": " + result.outcome() + ", " + result.error());
                }
                changes++;
                undo.push(running.isPresent() ? () -> back(running.get()) : () -> plugins.uninstall(plugin.name(), Trigger.FLEET));
            }
            for (ReleasePlugin dropped : from.plugins()) {
                if (to.plugin(dropped.name()).isEmpty() && plugins.plugin(dropped.name()).isPresent()) {
                    ChangeResult result = plugins.uninstall(dropped.name(), Trigger.FLEET);
                    if (!result.succeeded()) {
                        return undone(undo, dropped.name() + ": could not be uninstalled: " + result.error());
                    }
                    changes++;
                    undo.push(() -> reinstall(dropped, sources, secret));
                }
            }
            for (Map.Entry<String, Map<String, String>> section : to.sections().entrySet()) {
                Optional<SectionInfo> before = config.section(section.getKey());
                if (before.isEmpty()) {
                    return undone(undo, "section " + section.getKey() + ": not on this node (conf/" + section.getKey() + ".cfg is missing)");
                }
                if (same(before.get(), section.getValue())) {
                    continue;
                }
                SectionResult result = config.set(section.getKey(), section.getValue(), Trigger.FLEET);
                if (!result.succeeded()) {
                    return undone(undo, "section " + section.getKey() + ": " + result.outcome() + ", " + result.error());
                }
                changes++;
                Map<String, String> old = values(before.get(), section.getValue());
                undo.push(() -> config.set(section.getKey(), old, Trigger.FLEET));
            }
            return new Applied(null, changes);
        } catch (IOException | RuntimeException e) {
            return undone(undo, e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (InterruptedException e) {
            // the node is leaving the fleet (its section changed, Kiln stops): a release is applied whole or not at all
            Applied undoneApplied = undone(undo, "interrupted: the node left the fleet while applying it");
            Thread.currentThread().interrupt();
            return undoneApplied;
        }
    }

    private Applied undone(Deque<Runnable> undo, String error) {
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (RuntimeException e) {
                LOG.error("undoing a change of a failed release: {}", e.toString());
            }
        }
        return new Applied(error, 0);
    }

    private void back(PluginInfo before) {
        ChangeResult result = plugins.rollback(before.name(), before.version(), Trigger.FLEET);
        if (!result.succeeded()) {
            LOG.error("{}: could not go back to {} after a failed release: {}", before.name(), before.version(), result.error());
        }
    }

    private void reinstall(ReleasePlugin plugin, List<String> sources, String secret) {
        try {
            plugins.install(blobs.fetch(plugin, sources, secret), plugin.sha256(), Trigger.FLEET);
        } catch (IOException e) {
            LOG.error("{}: could not be put back after a failed release: {}", plugin.name(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the build that runs is the release's, by the engine's record (not by the file, which a rollback may hold back). */
    private boolean runs(PluginInfo info, ReleasePlugin plugin) {
        return info.state() == BundleState.ACTIVE && plugins.runningSha256(info.name()).map(plugin.sha256()::equals).orElse(false);
    }

    private static boolean same(SectionInfo running, Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(String.valueOf(running.properties().get(e.getKey()))));
    }

    /** The section's values now, for the keys the release sets (a key it lacked is set to the empty string on undo). */
    private static Map<String, String> values(SectionInfo running, Map<String, String> keys) {
        Map<String, String> old = new LinkedHashMap<>();
        keys.keySet().forEach(k -> old.put(k, running.properties().containsKey(k) ? String.valueOf(running.properties().get(k)) : ""));
        return old;
    }
}
