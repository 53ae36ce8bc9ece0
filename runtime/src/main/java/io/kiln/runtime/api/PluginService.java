package io.kiln.runtime.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Operates the plugins of a running Kiln. A plugin is named by its bundle symbolic name.
 * <p>
 * Every method that changes a plugin runs as a transaction and returns once it has committed or rolled
 * back; the outcome is also recorded in the {@link #history(int) history}. {@code trigger} names the front
 * door that asked ({@code "shell"}, {@code "http"}, ...) and is recorded with it.
 * <p>
 * Methods taking a name throw {@link UnknownPluginException} for a name that is not a plugin.
 */
@ProviderType
public interface PluginService {

    /** @return every plugin, sorted by name */
    List<PluginInfo> list();

    /** @return the plugin of that name, if there is one */
    Optional<PluginInfo> plugin(String name);

    /**
     * Reloads a plugin: stops it (its components save their state), refreshes it and starts it again (they
     * load it back).
     *
     * @param name         the plugin
     * @param dependents   also reload every plugin that depends on it: stopped before it, started after it, in
     *                     dependency order
     * @param dependencies first reload every plugin it depends on, in dependency order
     * @param trigger      who asked
     * @return one result per plugin reloaded, in the order they were started
     */
    ReloadSummary reload(String name, boolean dependents, boolean dependencies, String trigger);

    /**
     * Reloads every enabled plugin in dependency order.
     *
     * @param trigger who asked
     * @return one result per plugin, with success and failure counts
     */
    ReloadSummary reloadAll(String trigger);

    /**
     * Starts a disabled plugin and remembers, across restarts, that it is enabled.
     *
     * @return the outcome
     */
    ChangeResult enable(String name, String trigger);

    /**
     * Stops a plugin without deleting its file, and remembers across restarts that it is disabled.
     *
     * @return the outcome
     */
    ChangeResult disable(String name, String trigger);

    /**
     * Returns a plugin to an earlier version kept by Kiln, handing its current state over as for any update.
     * The file in {@code hot/} is left as it is and is not applied again until it changes.
     *
     * @param version the version to return to, as listed in {@link PluginInfo#previousVersions()}, or
     *                {@code null} for the one before the current version
     * @return the outcome
     */
    ChangeResult rollback(String name, String version, String trigger);

    /**
     * The most recent changes, newest first. The history is kept across restarts, bounded in size.
     *
     * @param limit at most this many entries
     */
    List<HistoryEntry> history(int limit);

    /** @return what is running, and what was rejected and why */
    RuntimeStatus status();
}
