package io.kiln.runtime.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Operates the plugins of a running Kiln. A plugin is named by its bundle symbolic name.
 * <p>
 * Every method that changes a plugin runs as a transaction and returns once it has committed or rolled
 * back; the outcome is also recorded in the {@link #history(int) history}. {@code trigger} names the front
 * door that asked and is recorded with it.
 * <p>
 * A change is verified on the plugin and on every plugin that depends on it (imports a package from it or uses
 * one of its services): a candidate build that would leave a dependent unresolved is refused before the running
 * plugin is touched, and a change after which a dependent is not back as it was (ACTIVE, its components
 * satisfied) is rolled back, dependents included. {@link ChangeResult#dependents()} says what happened to each.
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
     * The SHA-256 of the build that runs: the last one committed, which is not always the file in {@code hot/} (a
     * rollback holds a newer file back until it changes).
     *
     * @param name the plugin
     * @return the hash in lower-case hex, or empty if there is no such plugin
     * @since 2.5
     */
    Optional<String> runningSha256(String name);

    /**
     * Installs a jar as a plugin, or updates the plugin of the same symbolic name to it: the same transaction as a
     * jar dropped into {@code hot/}. Once the change has committed the jar is written into {@code hot/} (as the
     * plugin's file, or {@code <symbolic name>.jar} for a new plugin), so that it runs after a restart; a jar that is
     * refused or rolled back is not written, and the previous version keeps running from its file. A jar whose
     * content is the running build's answers {@link Outcome#UNCHANGED} at once.
     *
     * @param jar     the jar; Kiln copies it and leaves it where it is
     * @param sha256  the SHA-256 the jar must have, in hex, or the empty string to take it as it is
     * @param trigger who asked
     * @return the outcome; {@link Outcome#REJECTED} for a file that is not a readable bundle or whose hash differs
     */
    ChangeResult install(Path jar, String sha256, Trigger trigger);

    /**
     * Stops and uninstalls a plugin and deletes its file from {@code hot/}. Its kept versions and state stay on
     * disk, for the day it returns. The plugins that depend on it are left without it:
     * {@link ChangeResult#dependents()} names them and what they miss.
     *
     * @return the outcome
     */
    ChangeResult uninstall(String name, Trigger trigger);

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
    ReloadSummary reload(String name, boolean dependents, boolean dependencies, Trigger trigger);

    /**
     * Reloads every enabled plugin in dependency order.
     *
     * @param trigger who asked
     * @return one result per plugin, with success and failure counts
     */
    ReloadSummary reloadAll(Trigger trigger);

    /**
     * Starts a disabled plugin and remembers, across restarts, that it is enabled.
     *
     * @return the outcome
     */
    ChangeResult enable(String name, Trigger trigger);

    /**
     * Stops a plugin without deleting its file, and remembers across restarts that it is disabled. The plugins
     * that depend on it are left without it: {@link ChangeResult#dependents()} names them and what they miss.
     *
     * @return the outcome
     */
    ChangeResult disable(String name, Trigger trigger);

    /**
     * Returns a plugin to an earlier version kept by Kiln, handing its current state over as for any update.
     * The file in {@code hot/} is left as it is and is not applied again until it changes.
     *
     * @param version the build to return to: a {@link KeptVersion#id()} or a version as listed in
     *                {@link PluginInfo#previousVersions()} (the newest such build if several share it), or
     *                {@code null} for the one before the current build
     * @return the outcome; a request that names no kept build is {@link Outcome#REJECTED} and, since nothing
     *         changed, not recorded in the history
     */
    ChangeResult rollback(String name, String version, Trigger trigger);

    /**
     * The most recent changes, newest first. The history is kept across restarts, bounded in size.
     *
     * @param limit at most this many entries
     */
    List<HistoryEntry> history(int limit);

    /** @return what is running, and what was rejected and why */
    RuntimeStatus status();

    /**
     * The packages the platform exports to plugins: those of the framework, the JDK packages it is configured to export,
     * and Kiln's and its libraries' bundles; not the plugins' own.
     *
     * @return sorted by package, then version
     * @since 2.3
     */
    List<ExportedPackage> platformExports();

    /**
     * The plugins' dependency graph: who imports whose packages and uses whose services, itself or through a handle,
     * and for each plugin what a new build of it would restart. Kiln answers it with the rule it applies to a change:
     * a dependent restarts when it is wired to the changed plugin (it is refreshed with it), when it uses one of its
     * services without a handle (DS unbinds it), or when it depends in one of those ways on a dependent that restarts;
     * one that reaches the plugin through a handle keeps running.
     *
     * @return the graph as it is now
     * @since 2.4
     */
    PluginGraph dependencyGraph();
}
