/**
 * A plugin's state, handed from one version of the plugin to the next and kept across restarts of Kiln.
 * <p>
 * A component references {@link io.kiln.api.state.PluginState}, reads its state in {@code @Activate} and
 * saves it in {@code @Deactivate}:
 *
 * <pre>{@code
 * @Component(immediate = true)
 * public final class Counter {
 *     private final PluginState state;
 *     private long count;
 *
 *     @Activate
 *     public Counter(@Reference PluginState state) {
 *         this.state = state;
 *         this.count = ((Number) state.load().getOrDefault("count", 0L)).longValue();
 *     }
 *
 *     @Deactivate
 *     void deactivate() {
 *         state.save(Map.of("count", count));
 *     }
 * }
 * }</pre>
 *
 * Kiln keeps one state per plugin (per bundle symbolic name). When the plugin's jar is replaced, the old
 * version saves as it stops and the new version loads what it saved. When an update fails and Kiln rolls it
 * back, the state is put back as the old version left it, whatever the failed version wrote.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.kiln.api.state;
