package ${package};

import org.osgi.annotation.versioning.ProviderType;

/**
 * Greets. An OSGi service: other plugins reference it, they never use this plugin's classes directly, so a new
 * build of this plugin can replace the old one while they run.
 */
@ProviderType
public interface Greeter {

    /**
     * @param name who to greet
     * @return the configured greeting for {@code name}, with how many greetings this plugin has made so far
     */
    String greet(String name);

    /** @return how many greetings this plugin has made, across its updates and Kiln's restarts */
    long count();
}
