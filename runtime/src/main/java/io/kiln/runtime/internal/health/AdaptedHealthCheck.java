package io.kiln.runtime.internal.health;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import io.kiln.api.health.HealthStatus;
import io.kiln.api.health.PluginHealthCheck;

/**
 * A plugin's {@link PluginHealthCheck} as a Felix {@link HealthCheck}: healthy is {@code OK}, failed is
 * {@code CRITICAL} with the plugin's reason. What the check throws is left to the Felix executor, which reports
 * it as {@code HEALTH_CHECK_ERROR} with the exception.
 */
final class AdaptedHealthCheck implements HealthCheck {

    private final BundleContext context;
    private final ServiceReference<PluginHealthCheck> check;

    AdaptedHealthCheck(BundleContext context, ServiceReference<PluginHealthCheck> check) {
        this.context = context;
        this.check = check;
    }

    @Override
    public Result execute() {
        PluginHealthCheck service = context.getService(check);
        if (service == null) {
            return new Result(Result.Status.CRITICAL, "the plugin's health check service is gone");
        }
        try {
            HealthStatus status = service.check();
            if (status == null) {
                return new Result(Result.Status.CRITICAL, "the check returned no status");
            }
            return status.isHealthy() ? new Result(Result.Status.OK, "healthy") : new Result(Result.Status.CRITICAL, status.reason());
        } finally {
            context.ungetService(check);
        }
    }
}
