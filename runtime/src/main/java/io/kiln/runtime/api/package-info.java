/**
 * The services every front door of Kiln uses (the Gogo shell, the HTTP admin API and its web page, and through it
 * the {@code kiln} client): {@link io.kiln.runtime.api.PluginService} for plugins,
 * {@link io.kiln.runtime.api.ConfigService} for configuration sections, {@link io.kiln.runtime.api.SkillService}
 * and {@link io.kiln.runtime.api.AgentService}, and {@link io.kiln.runtime.api.BuildService} for plugins built
 * from their sources. Every change to a plugin is a transaction — validate, back up,
 * apply, verify the plugin and its dependents, commit or roll back — and every change of any kind is recorded in
 * one persistent history, told to each {@link io.kiln.runtime.api.ChangeListener}. What a change would restart is
 * known beforehand: {@link io.kiln.runtime.api.PluginService#dependencyGraph()}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.5.0")
package io.kiln.runtime.api;
