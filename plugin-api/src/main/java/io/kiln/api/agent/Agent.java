package io.kiln.api.agent;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One configured agent, from {@code conf/kiln.agent~<id>.cfg}:
 *
 * <pre>
 * prompt = You answer questions about our release process.
 * capabilities = summarize, translate, kiln-sample-greeting
 * </pre>
 *
 * A capability is the name of a skill or of a plugin. The agent is ready when every capability is available
 * now; readiness follows skills and plugins as they come and go, without the agent being reconfigured. Get
 * agents as OSGi services; each carries the service property {@value #ID}.
 */
@ProviderType
public interface Agent {

    /** Service property: the agent's id. */
    String ID = "agent.id";

    /** @return the id: the part of the file name after {@code kiln.agent~} */
    String id();

    /** @return the prompt */
    String prompt();

    /** @return the capabilities as configured, in order */
    List<String> capabilities();

    /** @return the capabilities available now, in configured order */
    List<String> available();

    /** @return the capabilities not available now, in configured order */
    List<String> missing();

    /** @return whether every capability is available now */
    boolean isReady();
}
