package io.kiln.metrics.internal;

import java.util.Map;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

/** Gauges read at scrape time, made the one way Kiln's collectors make them. */
final class Gauges {

    private Gauges() {
    }

    static GaugeSnapshot of(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help).dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    /** @param values the value for each value of the one label {@code label}, in the order given */
    static GaugeSnapshot of(String name, String help, String label, Map<String, ? extends Number> values) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        values.forEach((labelValue, value) -> gauge.dataPoint(GaugeDataPointSnapshot.builder()
                .labels(Labels.of(label, labelValue)).value(value.doubleValue()).build()));
        return gauge.build();
    }
}
