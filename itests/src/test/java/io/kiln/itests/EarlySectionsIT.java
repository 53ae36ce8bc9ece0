package io.kiln.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.itests.support.PluginJar;

/**
 * A section read before the plugin that defines it (at the first start of a distribution, {@code conf/} is read
 * before {@code hot/} is installed; or a plugin installed later) is typed as its definition says once the plugin
 * arrives: a list attribute reaches the component as a list, not as one comma-separated string.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EarlySectionsIT extends KilnTestSupport {

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(EarlySectionsIT.class);
        seedHot(folders, "kiln-sample-api.jar");
        Files.writeString(folders.conf().resolve("itest.quotes.cfg"), "quotes = Carpe diem, Festina lente\n");
        Files.writeString(folders.conf().resolve("itest.later.cfg"), "quotes = Veni, vidi, vici\n");
        quotesPlugin("itest.quotes", "quotes").writeTo(folders.hot().resolve("quotes.jar"));
        quotesPlugin("itest.later", "later").writeTo(folders.jars().resolve("later.jar"));
        return kilnOptions(folders);
    }

    private static PluginJar quotesPlugin(String pid, String kind) {
        String pkg = "io.kiln.itests.plugin." + kind;
        return PluginJar.named(pid, "1.0.0").source(pkg + ".QuotesPhrase", """
                package %s;

                import org.osgi.service.component.annotations.Activate;
                import org.osgi.service.component.annotations.Component;
                import org.osgi.service.component.annotations.ConfigurationPolicy;
                import org.osgi.service.metatype.annotations.Designate;
                import org.osgi.service.metatype.annotations.ObjectClassDefinition;

                import io.kiln.sample.phrase.Phrase;

                @Component(immediate = true, configurationPid = "%s", configurationPolicy = ConfigurationPolicy.REQUIRE,
                        property = Phrase.KIND + "=%s")
                @Designate(ocd = QuotesPhrase.Config.class)
                public class QuotesPhrase implements Phrase {

                    @ObjectClassDefinition(name = "Quotes")
                    public @interface Config {
                        String[] quotes();
                    }

                    private final String[] quotes;

                    @Activate
                    public QuotesPhrase(Config config) {
                        quotes = config.quotes();
                    }

                    @Override
                    public String say(String name) {
                        return quotes.length + ": " + String.join("|", quotes);
                    }
                }
                """.formatted(pkg, pid, kind));
    }

    @Test
    public void aListReadAtTheFirstStartBeforeItsPluginArrivesReachesTheComponentAsAList() throws Exception {
        awaitStartupProcessed();
        await().untilAsserted(() -> assertEquals("2: Carpe diem|Festina lente", say("quotes", "Ada")));
    }

    @Test
    public void aListReadBeforeItsPluginIsInstalledReachesTheComponentAsAList() throws Exception {
        awaitStartupProcessed();
        deploy("later.jar");
        await().untilAsserted(() -> assertEquals("3: Veni|vidi|vici", say("later", "Ada")));
    }
}
