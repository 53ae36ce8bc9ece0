/**
 * Health checks a plugin offers about itself.
 * <p>
 * A plugin registers a {@link io.kiln.api.health.PluginHealthCheck} service when "my bundle is ACTIVE and
 * my components are satisfied" is not enough to say it works: a connection that must be open, a model that
 * must be loaded. Kiln asks it after every reload of the plugin, and on {@code GET /health}, through Apache
 * Felix Health Checks, where it runs beside the standard Felix {@code HealthCheck} services plugins may register
 * instead.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.kiln.api.health;
