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

    /**
     * How applying a release ended: {@code null} error when it applied.
     *
     * @param undone for a failure: whether every change made before it was undone
     */
    record Applied(String error, int changes, boolean undone) {
        boolean succeeded() {
            return error == null;
        }
    }

    /** The undo steps that failed in the last {@link #undone}: each is the engine's own rollback of one change. */
    private final List<String> undoFailures = new java.util.ArrayList<>();

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
            return new Applied(null, changes, true);
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
        undoFailures.clear();
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (RuntimeException e) {
                undoFailures.add(e.toString());
            }
        }
        if (!undoFailures.isEmpty()) {
            LOG.error("undoing the changes of a failed release: {}", String.join("; ", undoFailures));
            return new Applied(error + "; and undoing it failed too: " + String.join("; ", undoFailures), 0, false);
        }
        return new Applied(error, 0, true);
    }

    private void back(PluginInfo before) {
        ChangeResult result = plugins.rollback(before.name(), before.version(), Trigger.FLEET);
        if (!result.succeeded()) {
            throw new IllegalStateException(before.name() + " could not go back to " + before.version() + ": " + result.error());
        }
    }

    private void reinstall(ReleasePlugin plugin, List<String> sources, String secret) {
        try {
            plugins.install(blobs.fetch(plugin, sources, secret), plugin.sha256(), Trigger.FLEET);
        } catch (IOException e) {
            throw new IllegalStateException(plugin.name() + " could not be put back: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What of the release this node does not run as it should, by the engine's records: a plugin missing or on another
     * build (someone changed it by hand, or a change was cut short), or on the release's build but not working fully.
     *
     * @param drift     one line per plugin not on the release's build
     * @param unhealthy one line per plugin on it but not active or degraded
     */
    record Check(List<String> drift, List<String> unhealthy) {
        boolean clean() {
            return drift.isEmpty() && unhealthy.isEmpty();
        }
    }

    Check check(Release release) {
        List<String> drift = new java.util.ArrayList<>();
        List<String> unhealthy = new java.util.ArrayList<>();
        for (ReleasePlugin plugin : release.plugins()) {
            Optional<PluginInfo> info = plugins.plugin(plugin.name());
            if (info.isEmpty()) {
                drift.add(plugin.name() + " is not installed");
            } else if (!plugins.runningSha256(plugin.name()).map(plugin.sha256()::equals).orElse(false)) {
                drift.add(plugin.name() + " runs another build than " + plugin.version() + " of the release");
            } else if (info.get().state() != BundleState.ACTIVE || info.get().degraded()) {
                unhealthy.add(plugin.name() + " is " + (info.get().degraded() ? "degraded (" + info.get().state() + ")" : info.get().state())
                        + (info.get().problems().isEmpty() ? "" : ": " + String.join("; ", info.get().problems())));
            }
        }
        return new Check(drift, unhealthy);
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
