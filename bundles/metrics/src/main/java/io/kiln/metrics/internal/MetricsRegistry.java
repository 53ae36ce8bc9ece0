package io.kiln.metrics.internal;

import org.osgi.service.component.annotations.Component;

import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The registry {@code /metrics} is read from: the JVM's own figures and the collectors Kiln adds. One registry per
 * activation, never the client's static default: a new version of this bundle starts from a clean one and the old one
 * goes with its class loader.
 */
@Component(service = MetricsRegistry.class)
public final class MetricsRegistry {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private boolean jvmRegistered;

    /** The registry Kiln's collectors register with (at activation, so that they count the changes made at start). */
    PrometheusRegistry registry() {
        return registry;
    }

    /**
     * The registry as a scrape reads it, with the JVM's own figures. Those are read when scraped, so they lose nothing
     * by being registered at the first scrape rather than at activation, where their MXBeans and the client's
     * instrumentation classes cost some 60 ms on the way to the plugins starting (measured with JFR on 2 cores).
     */
    synchronized PrometheusRegistry scraped() {
        if (!jvmRegistered) {
            // first, so that a collector that fails is not registered again at each scrape after it, each failing on
            // the names the others took
            jvmRegistered = true;
            // Not JvmMetrics, which adds JvmMemoryPoolAllocationMetrics: it leaves a listener on each garbage
            // collector's MXBean that nothing removes, which would keep this bundle's class loader in memory after an
            // update.
            JvmMemoryMetrics.builder().register(registry);
            JvmThreadsMetrics.builder().register(registry);
            JvmGarbageCollectorMetrics.builder().register(registry);
            JvmClassLoadingMetrics.builder().register(registry);
            JvmBufferPoolMetrics.builder().register(registry);
            JvmCompilationMetrics.builder().register(registry);
            JvmRuntimeInfoMetric.builder().register(registry);
            ProcessMetrics.builder().register(registry);
        }
        return registry;
    }
}
