package io.kiln.sample.helpdesk;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.kiln.api.agent.Agent;
import io.kiln.api.skill.Skill;

/**
 * Answers a request through an agent: the agent must be ready, and the answer comes from the first of its skills
 * whose triggers appear in the request. Edit a {@code SKILL.md} or the agent's section and the next answer shows
 * it. {@code sample:ask AGENT REQUEST}.
 */
@Component(service = Helpdesk.class, immediate = true,
        property = { "osgi.command.scope=sample", "osgi.command.function=ask" })
public final class Helpdesk {

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    private volatile List<Agent> agents;

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    private volatile List<Skill> skills;

    /** The {@code sample:ask AGENT WORDS...} shell command. */
    public String ask(String agentId, String... words) {
        return answer(agentId, String.join(" ", words));
    }

    /** Answers {@code request} through the agent {@code agentId}. */
    public String answer(String agentId, String request) {
        Optional<Agent> agent = agents.stream().filter(a -> a.id().equals(agentId)).findFirst();
        if (agent.isEmpty()) {
            return "no agent '" + agentId + "'";
        }
        if (!agent.get().isReady()) {
            return "[" + agentId + "] not ready: missing " + String.join(", ", agent.get().missing());
        }
        String text = request.toLowerCase(Locale.ROOT);
        return skills.stream()
                .filter(skill -> agent.get().capabilities().contains(skill.name()))
                .filter(skill -> skill.triggers().stream().anyMatch(t -> text.contains(t.toLowerCase(Locale.ROOT))))
                .findFirst()
                .map(skill -> "[" + agentId + "] " + skill.name() + " " + skill.version() + ": "
                        + skill.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElse(skill.description()))
                .orElse("[" + agentId + "] none of my skills (" + String.join(", ", agent.get().available())
                        + ") is for that");
    }
}
