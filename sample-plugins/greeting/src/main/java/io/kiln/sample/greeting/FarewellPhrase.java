package io.kiln.sample.greeting;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.sample.phrase.Phrase;

/**
 * Says goodbye as the {@code sample.farewell} section says. It shares a bundle with {@link GreetingPhrase}
 * but not a section: editing one section never restarts the other's component.
 */
@Component(immediate = true, configurationPid = FarewellPhrase.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = { Phrase.KIND + "=farewell", "osgi.command.scope=sample", "osgi.command.function=farewell" })
@Designate(ocd = FarewellPhrase.Config.class)
public final class FarewellPhrase implements Phrase {

    static final String PID = "sample.farewell";

    @ObjectClassDefinition(name = "Sample farewell", description = "What the farewell sample says.")
    public @interface Config {
        @AttributeDefinition(description = "The farewell word.")
        String text() default "Goodbye";

        @AttributeDefinition(description = "How many times to say it.", min = "1", max = "5")
        int times() default 1;
    }

    private static final Logger LOG = LoggerFactory.getLogger(FarewellPhrase.class);

    private final String text;
    private final int times;

    @Activate
    public FarewellPhrase(Config config) {
        this.text = config.text();
        this.times = config.times();
        LOG.info("section {} applied: text={}, times={}", PID, text, times);
    }

    @Override
    public String say(String name) {
        return (text + " ").repeat(times) + name + ".";
    }

    /** The {@code sample:farewell NAME} shell command. */
    public String farewell(String name) {
        return say(name);
    }
}
