package io.kiln.runtime.internal.agent;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.kiln.api.agent.Agent;
import io.kiln.runtime.api.Trigger;
import io.kiln.runtime.api.AgentInfo;
import io.kiln.runtime.api.AgentService;
import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.SectionResult;
import io.kiln.runtime.internal.config.SectionPids;

/** The agents, for front doors: their state from the {@link Agent} services, their changes through their sections. */
@Component
public final class Agents implements AgentService {

    private final ConfigService config;

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    private volatile List<Agent> agents = List.of();

    @Activate
    public Agents(@Reference ConfigService config) {
        this.config = config;
    }

    @Override
    public List<AgentInfo> agents() {
        return agents.stream().sorted(Comparator.comparing(Agent::id))
                .map(a -> new AgentInfo(a.id(), a.prompt(), a.capabilities(), a.missing(), a.isReady())).toList();
    }

    @Override
    public SectionResult reload(String id, String prompt, List<String> capabilities, Trigger trigger) {
        String pid = SectionPids.instancePid(FACTORY_PID, id);
        Map<String, String> changes = new LinkedHashMap<>();
        if (prompt != null) {
            changes.put("prompt", prompt);
        }
        if (capabilities != null) {
            changes.put("capabilities", String.join(", ", capabilities));
        }
        // one change: a refused capability list must not leave a new prompt behind
        return changes.isEmpty() ? config.reload(pid, trigger) : config.set(pid, changes, trigger);
    }
}
