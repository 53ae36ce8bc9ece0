package io.kiln.runtime.internal.health;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckMetadata;
import org.junit.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

public class PluginHealthChecksTest {

    private static HealthCheckExecutionResult result(Result outcome, boolean timedOut) {
        Map<String, Object> properties = Map.of(Constants.SERVICE_ID, 7L, HealthCheck.NAME, "orders-db");
        ServiceReference<?> reference = (ServiceReference<?>) Proxy.newProxyInstance(PluginHealthChecksTest.class.getClassLoader(),
                new Class<?>[] { ServiceReference.class },
                (proxy, method, args) -> "getProperty".equals(method.getName()) ? properties.get(args[0]) : null);
        HealthCheckMetadata metadata = new HealthCheckMetadata(reference);
        return new HealthCheckExecutionResult() {
            @Override
            public Result getHealthCheckResult() {
                return outcome;
            }

            @Override
            public long getElapsedTimeInMs() {
                return 1;
            }

            @Override
            public Date getFinishedAt() {
                return new Date();
            }

            @Override
            public boolean hasTimedOut() {
                return timedOut;
            }

            @Override
            public HealthCheckMetadata getHealthCheckMetadata() {
                return metadata;
            }
        };
    }

    private static Optional<String> reason(Result outcome, boolean timedOut) {
        return PluginHealthChecks.reason("com.acme.orders", result(outcome, timedOut), 2000);
    }

    @Test
    public void okAndWarnPass() {
        assertEquals(Optional.empty(), reason(new Result(Result.Status.OK, "fine"), false));
        assertEquals(Optional.empty(), reason(new Result(Result.Status.WARN, "disk filling up"), false));
    }

    @Test
    public void aTimeoutFailsWhateverStatusFelixGaveIt() {
        assertEquals(Optional.of("health check 'orders-db' of plugin com.acme.orders did not answer within 2000 ms"),
                reason(new Result(Result.Status.WARN, "Timeout: Check still running after 2s"), true));
    }

    @Test
    public void aThrownExceptionIsNamedWithItsMessage() {
        assertEquals(Optional.of("health check 'orders-db' of plugin com.acme.orders threw IllegalStateException: pool closed"),
                reason(new Result(Result.Status.HEALTH_CHECK_ERROR, "Exception during execution of 'orders-db'",
                        new IllegalStateException("pool closed")), false));
    }

    @Test
    public void aCriticalResultGivesItsMessages() {
        assertEquals(Optional.of("health check 'orders-db' of plugin com.acme.orders reported CRITICAL: no answer"),
                reason(new Result(Result.Status.CRITICAL, "no answer"), false));
        assertEquals(Optional.of("health check 'orders-db' of plugin com.acme.orders reported TEMPORARILY_UNAVAILABLE: starting"),
                reason(new Result(Result.Status.TEMPORARILY_UNAVAILABLE, "starting"), false));
    }
}
