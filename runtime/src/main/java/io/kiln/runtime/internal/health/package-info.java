/**
 * Plugins' health checks, run through Apache Felix Health Checks.
 * <p>
 * A plugin may register standard Felix {@code org.apache.felix.hc.api.HealthCheck} services or Kiln's own
 * {@code io.kiln.api.health.PluginHealthCheck}; Kiln registers a Felix check in front of each of the latter, so
 * that both kinds run through the Felix executor, with its timeout, for {@code /health} and for a plugin's
 * verification after a change.
 */
package io.kiln.runtime.internal.health;
