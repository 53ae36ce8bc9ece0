package io.kiln.metrics.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.SkillService;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The configuration sections and skill files whose last change was refused, at each scrape: Kiln runs on what it had
 * before, so nothing else shows them (the plugins' jars are {@link PluginGauges}').
 */
@Component(service = {}, immediate = true)
public final class RefusedFileGauges implements MultiCollector {

    private final MetricsRegistry metrics;
    private final ConfigService config;
    private final SkillService skills;

    @Activate
    public RefusedFileGauges(@Reference MetricsRegistry metrics, @Reference ConfigService config, @Reference SkillService skills) {
        this.metrics = metrics;
        this.config = config;
        this.skills = skills;
        metrics.registry().register(this);
    }

    @Override
    public MetricSnapshots collect() {
        return MetricSnapshots.of(
                Gauges.of("kiln_rejected_sections", "Configuration sections (conf/*.cfg) whose last change was refused",
                        config.sections().stream().filter(s -> s.state() == Outcome.REJECTED).count()),
                Gauges.of("kiln_rejected_skills", "Skill files whose last change was refused",
                        skills.skills().stream().filter(s -> s.state() == Outcome.REJECTED).count()));
    }

    @Deactivate
    void deactivate() {
        metrics.registry().unregister(this);
    }
}
