package io.kiln.metrics.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.kiln.runtime.api.BundleState;
import io.kiln.runtime.api.PluginInfo;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.RuntimeStatus;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The plugins as they are at each scrape: how many in each bundle state (every state, zero included, so that a query
 * never finds a series missing), degraded, disabled, stuck; the refused jars, the retired revisions still in memory, and
 * the file changes waiting in the runtime's queue.
 */
@Component(service = {}, immediate = true)
public final class PluginGauges implements MultiCollector {

    private final MetricsRegistry metrics;
    private final PluginService plugins;

    @Activate
    public PluginGauges(@Reference MetricsRegistry metrics, @Reference PluginService plugins) {
        this.metrics = metrics;
        this.plugins = plugins;
        metrics.registry().register(this);
    }

    @Override
    public MetricSnapshots collect() {
        List<PluginInfo> list = plugins.list();
        RuntimeStatus status = plugins.status();
        Map<String, Integer> byState = new LinkedHashMap<>();
        for (BundleState state : BundleState.values()) {
            byState.put(LabelValues.of(state), 0);
        }
        list.forEach(p -> byState.merge(LabelValues.of(p.state()), 1, Integer::sum));
        return MetricSnapshots.of(
                Gauges.of("kiln_plugins", "Plugins by the state of their bundle", "state", byState),
                Gauges.of("kiln_plugins_degraded", "Enabled plugins that do not work fully (a component failed or waits for a service)",
                        list.stream().filter(PluginInfo::degraded).count()),
                Gauges.of("kiln_plugins_disabled", "Plugins disabled by an operator", list.stream().filter(p -> !p.enabled()).count()),
                Gauges.of("kiln_plugins_stuck", "Plugins whose lifecycle call (an activator, an @Activate) did not return in time",
                        status.stuck().size()),
                Gauges.of("kiln_rejected_files", "Plugin jars in hot/ that Kiln refused and that have not changed since", status.rejected().size()),
                Gauges.of("kiln_retained_revisions", "Retired plugin revisions still in memory after their grace period", status.retained().size()),
                Gauges.of("kiln_reload_queue_depth", "File changes in hot/ waiting for their transaction to start", status.queued()));
    }

    @Deactivate
    void deactivate() {
        metrics.registry().unregister(this);
    }
}
