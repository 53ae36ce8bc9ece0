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
