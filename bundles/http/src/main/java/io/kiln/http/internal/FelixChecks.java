package io.kiln.http.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;

/**
 * Every Felix health check's result, through the Felix executor (its timeout and result cache as configured,
 * PID {@code org.apache.felix.hc.core.impl.executor.HealthCheckExecutorImpl}): plugins' own checks and the ones
 * Kiln registers for their {@code PluginHealthCheck}s.
 */
final class FelixChecks {

    /** A selector that only leaves out a tag no check has selects them all (an empty one selects the default tags). */
    private static final HealthCheckSelector ALL = HealthCheckSelector.tags("-kiln.no-such-tag");

    private final HealthCheckExecutor executor;

    FelixChecks(HealthCheckExecutor executor) {
        this.executor = executor;
    }

    List<HealthCheckExecutionResult> results() {
        return executor.execute(ALL);
    }

    /** A check that did not answer in time, or reported worse than WARN, makes Kiln DOWN. */
    static boolean isDown(HealthCheckExecutionResult result) {
        return result.hasTimedOut() || result.getHealthCheckResult().getStatus().ordinal() > Result.Status.WARN.ordinal();
    }

    static boolean isWarning(HealthCheckExecutionResult result) {
        return !isDown(result) && result.getHealthCheckResult().getStatus() == Result.Status.WARN;
    }

    /** A check as {@code name, status, tags, message, elapsedMillis, timedOut}. */
    static Map<String, Object> json(HealthCheckExecutionResult result) {
        Result outcome = result.getHealthCheckResult();
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", result.getHealthCheckMetadata().getTitle());
        check.put("status", outcome.getStatus().name());
        check.put("tags", result.getHealthCheckMetadata().getTags());
        check.put("message", StreamSupport.stream(outcome.spliterator(), false).filter(e -> !e.isDebug()).map(FelixChecks::message)
                .collect(Collectors.joining("; ")));
        check.put("elapsedMillis", result.getElapsedTimeInMs());
        check.put("timedOut", result.hasTimedOut());
        return check;
    }

    private static String message(ResultLog.Entry entry) {
        return entry.getException() == null ? entry.getMessage() : entry.getMessage() + ": " + entry.getException();
    }
}
