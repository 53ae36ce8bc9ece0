package ${package}.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.api.state.PluginState;
import ${package}.Greeter;

/**
 * The {@link Greeter}: says what its configuration says, and counts. The count is handed from one version of
 * the plugin to the next through {@link PluginState}: loaded as the component starts, saved as it stops (a new
 * jar, a reload, a changed section, Kiln stopping).
 * <p>
 * {@code ConfigurationPolicy.OPTIONAL}: without {@code conf/${artifactId}.cfg} the defaults apply; with it, a change
 * to the file re-creates the component with the new values (there is no {@code @Modified} method).
 */
@Component(immediate = true, configurationPid = GreeterConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = GreeterConfiguration.class)
public final class CountingGreeter implements Greeter {

    static final String COUNT = "count";

    private static final Logger LOG = LoggerFactory.getLogger(CountingGreeter.class);

    private final PluginState state;
    private final String greeting;
    private final boolean shout;
    private final AtomicLong count;

    @Activate
    public CountingGreeter(GreeterConfiguration config, @Reference PluginState state) {
        this.state = state;
        this.greeting = config.greeting();
        this.shout = config.shout();
        Object saved = state.load().get(COUNT);
        this.count = new AtomicLong(saved instanceof Number n ? n.longValue() : 0);
        LOG.info("${artifactId} greets with '{}', {} greetings so far", greeting, count.get());
    }

    @Deactivate
    void deactivate() {
        state.save(Map.of(COUNT, count.get()));
        LOG.info("${artifactId} saved its count, {}", count.get());
    }

    @Override
    public String greet(String name) {
        String text = greeting + ", " + name + "!";
        return (shout ? text.toUpperCase() : text) + " (greeting " + count.incrementAndGet() + ")";
    }

    @Override
    public long count() {
        return count.get();
    }
}
