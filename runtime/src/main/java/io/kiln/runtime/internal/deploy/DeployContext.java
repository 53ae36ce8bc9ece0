package io.kiln.runtime.internal.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.UnknownPluginException;
import io.kiln.runtime.internal.history.ChangeJournal;
import io.kiln.runtime.internal.state.StateStore;

/**
 * What every transaction works with: the framework, Kiln's records and stores, and the one place where an
 * outcome is recorded (records, history and log), so that no front door can change a plugin unrecorded.
 */
final class DeployContext {

    private static final Logger LOG = LoggerFactory.getLogger("io.kiln.runtime");

    /** Plugins are installed under a location of Kiln's, independent of where their file is. */
    static final String LOCATION = "kiln:plugin:";

    final BundleContext context;
    final Path hotFolder;
    final Path stagingFolder;
    final PluginRecords records;
    final VersionStore versions;
    final StateStore states;
    final ChangeJournal history;
    final BoundedLifecycle lifecycle;
    final ResolveCheck resolveCheck;
    final PluginVerifier verifier;

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    DeployContext(BundleContext context, Path hotFolder, Path stagingFolder, PluginRecords records, VersionStore versions,
            StateStore states, ChangeJournal history, BoundedLifecycle lifecycle, ResolveCheck resolveCheck,
            PluginVerifier verifier) {
        this.context = context;
        this.hotFolder = hotFolder;
        this.stagingFolder = stagingFolder;
        this.records = records;
        this.versions = versions;
        this.states = states;
        this.history = history;
        this.lifecycle = lifecycle;
        this.resolveCheck = resolveCheck;
        this.verifier = verifier;
    }

    /** One transaction at a time per plugin; transactions on different plugins run side by side. */
    ReentrantLock lock(String plugin) {
        return locks.computeIfAbsent(plugin, p -> new ReentrantLock());
    }

    Optional<Bundle> bundle(String plugin) {
        return Optional.ofNullable(context.getBundle(LOCATION + plugin));
    }

    Bundle requireBundle(String plugin) {
        return bundle(plugin).orElseThrow(() -> new UnknownPluginException(plugin, pluginNames()));
    }

    List<String> pluginNames() {
        return records.plugins().stream().map(PluginRecord::name).toList();
    }

    List<Bundle> pluginBundles() {
        return Stream.of(context.getBundles()).filter(b -> b.getLocation().startsWith(LOCATION))
                .sorted(Comparator.comparing(Bundle::getSymbolicName)).toList();
    }

    boolean fileExists(String fileName) {
        return !fileName.isEmpty() && Files.exists(hotFolder.resolve(fileName));
    }

    /** Locks several plugins in one order (by name), so two multi-plugin operations cannot deadlock. */
    List<ReentrantLock> lockAll(Collection<Bundle> bundles) {
        List<ReentrantLock> taken = bundles.stream().map(Bundle::getSymbolicName).distinct().sorted().map(this::lock).toList();
        taken.forEach(ReentrantLock::lock);
        return taken;
    }

    /**
     * Records how a change ended: in the plugin's record (if it has one), in the history and in the log.
     */
    ChangeResult finish(String plugin, String action, String trigger, Outcome outcome, String from, String to,
            long startNanos, String error) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        Instant now = Instant.now();
        records.plugin(plugin).ifPresent(r -> records.put(r.ended(outcome, error, now)));
        HistoryEntry entry = new HistoryEntry(now, plugin, trigger, action, from, to, outcome, took.toMillis(), error);
        history.record(entry);
        if (outcome.succeeded()) {
            LOG.info("{} {} {}{} ({} ms, {})", action, plugin, to.isEmpty() ? from : to,
                    from.isEmpty() || from.equals(to) || to.isEmpty() ? "" : " (was " + from + ")", took.toMillis(), trigger);
        } else {
            LOG.error("{} {} {}: {} — {}", action, plugin, to, outcome, error);
        }
        return new ChangeResult(plugin, action, outcome, from, to, took, error);
    }
}
