package io.kiln.runtime.internal.agent;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.api.agent.Agent;
import io.kiln.api.skill.Skill;
import io.kiln.runtime.api.AgentService;
import io.kiln.runtime.internal.config.SectionPids;

/**
 * One agent per {@code conf/kiln.agent~<id>.cfg}. Its readiness is worked out when asked, from the skills
 * published and the plugins active at that moment, so that it follows them as they come and go without the
 * agent being reconfigured.
 */
@Component(configurationPid = AgentService.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = AgentConfiguration.class, factory = true)
public final class ConfiguredAgent implements Agent {

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredAgent.class);

    private final BundleContext context;
    private final String id;
    /** What its section says, replaced whole: a caller never sees one section's prompt with another's capabilities. */
    private record Settings(String prompt, List<String> capabilities) {
    }

    private volatile Settings settings;
    private final List<Skill> skills = new CopyOnWriteArrayList<>();

    @Activate
    public ConfiguredAgent(BundleContext context, AgentConfiguration configuration, Map<String, Object> properties) {
        this.context = context;
        String pid = String.valueOf(properties.get("service.pid"));
        this.id = SectionPids.instanceName(pid).orElse(pid);
        modified(configuration);
    }

    /**
     * A changed section applies in place: the agent's service stays registered, so a caller (the helpdesk sample)
     * never finds the agent gone while its section is reloaded.
     */
    @Modified
    void modified(AgentConfiguration configuration) {
        settings = new Settings(configuration.prompt(),
                Stream.of(configuration.capabilities()).map(String::trim).filter(c -> !c.isEmpty()).toList());
        LOG.info("agent {} configured: {} capabilities, {}", id, settings.capabilities().size(), isReady() ? "ready" : "missing " + missing());
    }

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    void addSkill(Skill skill) {
        skills.add(skill);
    }

    void removeSkill(Skill skill) {
        skills.remove(skill);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String prompt() {
        return settings.prompt();
    }

    @Override
    public List<String> capabilities() {
        return settings.capabilities();
    }

    @Override
    public List<String> available() {
        return capabilities().stream().filter(this::isAvailable).toList();
    }

    @Override
    public List<String> missing() {
        List<String> missing = new ArrayList<>(capabilities());
        missing.removeAll(available());
        return missing;
    }

    @Override
    public boolean isReady() {
        return missing().isEmpty();
    }

    private boolean isAvailable(String capability) {
        return skills.stream().anyMatch(s -> s.name().equals(capability))
                || Stream.of(context.getBundles()).anyMatch(b -> capability.equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE);
    }
}
