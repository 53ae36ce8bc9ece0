package ${package}.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ${package}.Greeter;

/**
 * The shell commands {@code ${scope}:greet NAME} and {@code ${scope}:count}: a small component that only delegates to the
 * {@link Greeter} service. Gogo finds it by its {@code osgi.command.*} properties.
 */
@Component(service = GreetCommand.class,
        property = { "osgi.command.scope=${scope}", "osgi.command.function=greet", "osgi.command.function=count" })
public final class GreetCommand {

    private final Greeter greeter;

    @Activate
    public GreetCommand(@Reference Greeter greeter) {
        this.greeter = greeter;
    }

    /** {@code ${scope}:greet NAME} */
    public String greet(String name) {
        return greeter.greet(name);
    }

    /** {@code ${scope}:count} */
    public long count() {
        return greeter.count();
    }
}
