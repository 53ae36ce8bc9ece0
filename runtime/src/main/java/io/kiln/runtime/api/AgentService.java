package io.kiln.runtime.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Operates the agents of a running Kiln: factory configuration sections {@code conf/kiln.agent~<id>.cfg}.
 */
@ProviderType
public interface AgentService {

    /** The factory PID of agent sections. */
    String FACTORY_PID = "kiln.agent";

    /** @return every agent, sorted by id */
    List<AgentInfo> agents();

    /**
     * Reloads an agent's section, first changing its prompt and capabilities if given: the change is validated,
     * applied live and written to the agent's file.
     *
     * @param prompt       the new prompt, or {@code null} to keep it
     * @param capabilities the new capabilities, or {@code null} to keep them
     * @throws UnknownSectionException if there is no agent with that id
     * @return how it ended
     */
    SectionResult reload(String id, String prompt, List<String> capabilities, Trigger trigger);
}
