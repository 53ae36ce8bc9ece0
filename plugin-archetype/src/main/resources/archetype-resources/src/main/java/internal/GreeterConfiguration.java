package ${package}.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The configuration section {@code ${artifactId}}: Kiln's {@code conf/${artifactId}.cfg}. Kiln checks a changed file
 * against these types before it applies it; a section it refuses leaves the running component as it was.
 */
@ObjectClassDefinition(name = "${artifactId}", description = "What the greeting says.")
public @interface GreeterConfiguration {

    /** The configuration PID, and the name of the .cfg file. */
    String PID = "${artifactId}";

    @AttributeDefinition(description = "The greeting word.")
    String greeting() default "Hello";

    @AttributeDefinition(description = "Say it in capitals.")
    boolean shout() default false;
}
