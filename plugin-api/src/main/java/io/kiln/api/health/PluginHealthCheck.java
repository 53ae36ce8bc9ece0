package io.kiln.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A plugin's own answer to "do you work?".
 * <p>
 * Register an implementation as an OSGi service from the plugin's bundle (a Declarative Services
 * component is the simplest way). Kiln attributes the check to the bundle that registered it, so a plugin
 * needs no name or key of its own.
 * <p>
 * Implementations must return quickly (well under a second) and must not throw: report a problem as
 * {@link HealthStatus#failed(String)} instead. A check that throws counts as failed, with the exception's
 * message as the reason.
 * <p>
 * Kiln runs these checks through Apache Felix Health Checks: it registers a Felix
 * {@code org.apache.felix.hc.api.HealthCheck} in front of each (named after the component, tagged
 * {@code kiln.plugin}; {@code ok()} is Felix's {@code OK}, {@code failed} its {@code CRITICAL}). So they run with
 * the Felix executor's timeout, after every change to the plugin (one that fails, throws or does not answer
 * within the runtime's {@code verify_timeout_millis} rolls the change back) and on {@code GET /health}, beside
 * any Felix {@code HealthCheck} a plugin registers itself. A plugin may use either; this interface needs no
 * dependency beyond the plugin API, a Felix check also shows in Felix's own tools.
 */
@ConsumerType
public interface PluginHealthCheck {

    /**
     * Checks the plugin's health now.
     *
     * @return {@link HealthStatus#ok()} when the plugin works, or {@link HealthStatus#failed(String)} with a
     *         reason a human operator can act on; never {@code null}
     */
    HealthStatus check();
}
