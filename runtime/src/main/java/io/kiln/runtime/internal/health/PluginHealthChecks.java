package io.kiln.runtime.internal.health;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one plugin's health checks, and only those, through the Felix executor, within a time limit: the Felix
 * {@link HealthCheck}s its bundle registered and the Felix checks {@link PluginHealthCheckAdapter} registered for
 * its {@code PluginHealthCheck}s.
 * <p>
 * A check that does not answer in time is left running in the executor's pool (Felix never interrupts one) and
 * fails the plugin; so do {@code TEMPORARILY_UNAVAILABLE}, {@code CRITICAL} and {@code HEALTH_CHECK_ERROR} (a check
 * that threw). {@code WARN} passes.
 */
public final class PluginHealthChecks {

    private static final Logger LOG = LoggerFactory.getLogger(PluginHealthChecks.class);

    private final BundleContext context;
    private final HealthCheckExecutor executor;

    public PluginHealthChecks(BundleContext context, HealthCheckExecutor executor) {
        this.context = context;
        this.executor = executor;
    }

    /**
     * Runs the plugin's checks now (no cached result), waiting at most {@code timeoutMillis} for them.
     *
     * @return what failed, one reason per failed check; empty when every check passed or the plugin has none
     */
    public Optional<String> failure(Bundle bundle, long timeoutMillis) {
        List<ServiceReference<?>> checks = checksOf(bundle);
        if (checks.isEmpty()) {
            return Optional.empty();
        }
        Set<Long> ids = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        Set<String> tags = new LinkedHashSet<>();
        for (ServiceReference<?> check : checks) {
            ids.add((Long) check.getProperty(Constants.SERVICE_ID));
            Object name = check.getProperty(HealthCheck.NAME);
            if (name != null) {
                names.add(name.toString());
            } else if (!tagsOf(check).isEmpty()) {
                // Felix selects by name or tag only; the results of other plugins' checks with that tag are left out below
                tags.addAll(tagsOf(check));
            } else {
                LOG.warn("Health check {} of plugin {} has neither {} nor {}: the Felix executor cannot select it, it is not run",
                        check.getProperty(Constants.SERVICE_ID), bundle.getSymbolicName(), HealthCheck.NAME, HealthCheck.TAGS);
            }
        }
        if (names.isEmpty() && tags.isEmpty()) {
            return Optional.empty();
        }
        HealthCheckSelector selector = HealthCheckSelector.names(names.toArray(String[]::new)).withTags(tags.toArray(String[]::new));
        HealthCheckExecutionOptions options = new HealthCheckExecutionOptions()
                .setForceInstantExecution(true)
                .setCombineTagsWithOr(true)
                .setOverrideGlobalTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutMillis)));
        List<String> failures = new ArrayList<>();
        for (HealthCheckExecutionResult result : executor.execute(selector, options)) {
            if (ids.contains(result.getHealthCheckMetadata().getServiceId())) {
                reason(bundle.getSymbolicName(), result, timeoutMillis).ifPresent(failures::add);
            }
        }
        return failures.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", failures));
    }

    /** Why one result fails its plugin, or empty when it does not. */
    static Optional<String> reason(String plugin, HealthCheckExecutionResult result, long timeoutMillis) {
        String check = "health check '" + result.getHealthCheckMetadata().getTitle() + "' of plugin " + plugin;
        Result outcome = result.getHealthCheckResult();
        if (result.hasTimedOut()) {
            return Optional.of(check + " did not answer within " + timeoutMillis + " ms");
        }
        Result.Status status = outcome.getStatus();
        if (status == Result.Status.OK || status == Result.Status.WARN) {
            return Optional.empty();
        }
        List<ResultLog.Entry> entries = StreamSupport.stream(outcome.spliterator(), false).filter(e -> !e.isDebug()).toList();
        Optional<Exception> thrown = entries.stream().map(ResultLog.Entry::getException).filter(e -> e != null).findFirst();
        if (thrown.isPresent()) {
            Throwable cause = thrown.get();
            return Optional.of(check + " threw " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        String messages = entries.stream().filter(e -> e.getStatus() == status).map(ResultLog.Entry::getMessage)
                .collect(Collectors.joining(", "));
        return Optional.of(check + " reported " + status + (messages.isEmpty() ? "" : ": " + messages));
    }

    private List<ServiceReference<?>> checksOf(Bundle bundle) {
        List<ServiceReference<?>> checks = new ArrayList<>();
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        if (registered != null) {
            for (ServiceReference<?> reference : registered) {
                if (List.of((String[]) reference.getProperty(Constants.OBJECTCLASS)).contains(HealthCheck.class.getName())) {
                    checks.add(reference);
                }
            }
        }
        try {
            checks.addAll(context.getServiceReferences(HealthCheck.class,
                    "(" + PluginHealthCheckAdapter.PLUGIN_BUNDLE + "=" + bundle.getBundleId() + ")"));
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return checks;
    }

    private static List<String> tagsOf(ServiceReference<?> check) {
        Object tags = check.getProperty(HealthCheck.TAGS);
        if (tags instanceof String[] array) {
            return List.of(array);
        }
        return tags == null ? List.of() : List.of(tags.toString());
    }
}
