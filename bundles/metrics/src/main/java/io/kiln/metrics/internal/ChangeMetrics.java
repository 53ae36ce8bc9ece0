package io.kiln.metrics.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.ChangeListener;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.Subject;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * Counts every change the runtime records, once, as it is recorded: by action and outcome, its duration, and the
 * rollbacks and rejections among them by subject. A {@link Action#LEAK} is a finding, not a change: it is counted on
 * its own. Counts start at zero with the process, as Prometheus expects of a counter.
 */
@Component(service = ChangeListener.class, immediate = true)
public final class ChangeMetrics implements ChangeListener {

    /** From a few milliseconds (a refused file) to the lifecycle and verification timeouts (a stuck plugin). */
    static final double[] DURATION_BUCKETS = { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120 };

    private final MetricsRegistry metrics;
    private final Counter changes;
    private final Histogram durations;
    private final Counter rollbacks;
    private final Counter rejections;
    private final Counter leaks;

    @Activate
    public ChangeMetrics(@Reference MetricsRegistry metrics) {
        this.metrics = metrics;
        changes = Counter.builder().name("kiln_changes_total").help("Changes recorded in the history, by action and outcome")
                .labelNames("action", "outcome").withoutExemplars().register(metrics.registry());
        durations = Histogram.builder().name("kiln_change_duration_seconds").unit(Unit.SECONDS)
                .help("How long each recorded change took, by action and outcome").labelNames("action", "outcome")
                .classicOnly().classicUpperBounds(DURATION_BUCKETS).withoutExemplars().register(metrics.registry());
        rollbacks = Counter.builder().name("kiln_rollbacks_total")
                .help("Changes that were applied, failed verification and were undone (outcome rolled_back), by subject")
                .labelNames("subject").withoutExemplars().register(metrics.registry());
        rejections = Counter.builder().name("kiln_rejections_total")
                .help("Changes refused before anything running was touched (outcome rejected): plugin jars, sections, skills, agents")
                .labelNames("subject").withoutExemplars().register(metrics.registry());
        leaks = Counter.builder().name("kiln_leaks_total")
                .help("Retired plugin revisions found still in memory after their grace period").withoutExemplars().register(metrics.registry());
        // present at zero from the start, so that rate() and increase() see the first one
        for (Subject subject : Subject.values()) {
            rollbacks.labelValues(subject.label());
            rejections.labelValues(subject.label());
        }
    }

    @Override
    public void changed(HistoryEntry entry) {
        if (entry.action() == Action.LEAK) {
            leaks.inc();
            return;
        }
        String action = entry.action().label();
        String outcome = LabelValues.of(entry.outcome());
        changes.labelValues(action, outcome).inc();
        durations.labelValues(action, outcome).observe(entry.durationMillis() / 1000.0);
        if (entry.outcome() == Outcome.ROLLED_BACK) {
            rollbacks.labelValues(entry.subject().label()).inc();
        } else if (entry.outcome() == Outcome.REJECTED) {
            rejections.labelValues(entry.subject().label()).inc();
        }
    }

    @Deactivate
    void deactivate() {
        metrics.registry().unregister(changes);
        metrics.registry().unregister(durations);
        metrics.registry().unregister(rollbacks);
        metrics.registry().unregister(rejections);
        metrics.registry().unregister(leaks);
    }
}
