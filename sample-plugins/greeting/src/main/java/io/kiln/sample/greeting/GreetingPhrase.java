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
 * Says hello as the {@code sample.greeting} section says: edit {@code conf/sample.greeting.cfg} and the next
 * {@code sample:greet} answers differently.
 */
@Component(immediate = true, configurationPid = GreetingPhrase.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = { Phrase.KIND + "=greeting", "osgi.command.scope=sample", "osgi.command.function=greet" })
@Designate(ocd = GreetingPhrase.Config.class)
public final class GreetingPhrase implements Phrase {

    static final String PID = "sample.greeting";

    @ObjectClassDefinition(name = "Sample greeting", description = "What the greeting sample says.")
    public @interface Config {
        @AttributeDefinition(description = "The greeting word.")
        String text() default "Hello";

        @AttributeDefinition(description = "Say it in capitals.")
        boolean shout() default false;
    }

    private static final Logger LOG = LoggerFactory.getLogger(GreetingPhrase.class);

    private final String text;
    private final boolean shout;

    @Activate
    public GreetingPhrase(Config config) {
        this.text = config.text();
        this.shout = config.shout();
        LOG.info("section {} applied: text={}, shout={}", PID, text, shout);
    }

    @Override
    public String say(String name) {
        String phrase = text + ", " + name + "!";
        return shout ? phrase.toUpperCase() : phrase;
    }

    /** The {@code sample:greet NAME} shell command. */
    public String greet(String name) {
        return say(name);
    }
}
