package io.kiln.runtime.api;

import java.util.List;

/**
 * An agent as it is now.
 *
 * @param id           its id ({@code conf/kiln.agent~<id>.cfg})
 * @param prompt       its prompt
 * @param capabilities its capabilities, as configured
 * @param missing      the capabilities not available now
 * @param ready        whether every capability is available
 */
public record AgentInfo(String id, String prompt, List<String> capabilities, List<String> missing, boolean ready) {

    public AgentInfo {
        capabilities = List.copyOf(capabilities);
        missing = List.copyOf(missing);
    }
}
