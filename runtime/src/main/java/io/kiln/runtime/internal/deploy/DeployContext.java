package io.kiln.runtime.internal.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
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

import io.kiln.runtime.api.UnknownPluginException;
import io.kiln.runtime.internal.call.ServiceHandles;
import io.kiln.runtime.internal.history.ChangeJournal;
import io.kiln.runtime.internal.memory.PluginMemory;
import io.kiln.runtime.internal.scr.ComponentStates;
import io.kiln.runtime.internal.state.StateStore;

/**
 * What every transaction works with: the framework, Kiln's records and stores, the lifecycle, the checks, the
 * handles callers hold, and one lock per plugin.
 */
final class DeployContext {

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
    final ComponentStates components;
    final ServiceHandles handles;
    /** What a stopped plugin left behind, and the watch on retired revisions' class loaders. */
    final PluginMemory memory;

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    DeployContext(BundleContext context, Path hotFolder, Path stagingFolder, PluginRecords records, VersionStore versions,
            StateStore states, ChangeJournal history, BoundedLifecycle lifecycle, ResolveCheck resolveCheck,
            PluginVerifier verifier, ComponentStates components, ServiceHandles handles, PluginMemory memory) {
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
        this.components = components;
        this.handles = handles;
        this.memory = memory;
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
}
