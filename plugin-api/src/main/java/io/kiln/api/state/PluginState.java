package io.kiln.api.state;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The calling plugin's own state: a map of plain data that outlives the plugin's class loader.
 * <p>
 * Get it as an OSGi service. The service is bundle-scoped: every plugin receives the object for its own
 * state, named by its bundle symbolic name, and never sees another plugin's.
 * <p>
 * State crosses from one version of a plugin to the next, which has other classes, so values are plain data
 * only: {@link String}, {@link Boolean}, {@link Integer}, {@link Long}, {@link Double}, {@code byte[]}, and
 * {@link java.util.List}s and {@link Map}s (with {@code String} keys) of these, nested to any depth.
 * {@code null} values are not kept. Each value comes back with the type it was saved with.
 * <p>
 * Implementations are thread-safe. {@link #save(Map)} writes to disk before it returns, so what was saved
 * survives a crash of the process as well as a clean restart.
 */
@ProviderType
public interface PluginState {

    /**
     * The state last saved by this plugin, in any of its versions.
     *
     * @return an unmodifiable copy; empty if the plugin never saved anything
     */
    Map<String, Object> load();

    /**
     * Replaces this plugin's state.
     *
     * @param state the whole new state; copied, so later changes to the map do not affect what was saved
     * @throws IllegalArgumentException if a value is not plain data; the message names the key and the type,
     *                                  and nothing is saved
     * @throws IllegalStateException    if the state cannot be written; the previous state is kept
     */
    void save(Map<String, ?> state);
}
