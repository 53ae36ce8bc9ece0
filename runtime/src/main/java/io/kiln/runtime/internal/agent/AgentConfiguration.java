package io.kiln.runtime.internal.agent;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One agent: factory section {@code kiln.agent}, file {@code conf/kiln.agent~<id>.cfg}. */
@ObjectClassDefinition(name = "Kiln agent", description = "A prompt and the skills and plugins it works with.")
public @interface AgentConfiguration {

    @AttributeDefinition(description = "What the agent is told.")
    String prompt();

    @AttributeDefinition(description = "Skill names and plugin names the agent needs, comma-separated.", cardinality = 100)
    String[] capabilities() default {};
}
