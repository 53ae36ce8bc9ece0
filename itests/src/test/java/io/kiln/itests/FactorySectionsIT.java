package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.itests.support.PluginJar;
import io.kiln.sample.phrase.Phrase;

/**
 * A factory section, {@code conf/<factory pid>~<name>.cfg}, is one named factory configuration (PID
 * {@code <factory pid>~<name>}) and so one instance of the component configured by that factory PID. Kiln reads the
 * section files itself: FileInstall (3.7.4) would split the name at its first {@code -} instead, and make
 * {@code my-plugin.cfg} a factory configuration of {@code my}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FactorySectionsIT extends KilnTestSupport {

    private static final String FACTORY = "itest.welcome";

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(FactorySectionsIT.class);
        seedHot(folders, "kiln-sample-api.jar");
        // no sample plugin is configured by factory configurations: build one
        PluginJar.named(FACTORY, "1.0.0").source("io.kiln.itests.plugin.welcome.WelcomePhrase", """
                package io.kiln.itests.plugin.welcome;

                import java.util.Map;

                import org.osgi.service.component.annotations.Activate;
                import org.osgi.service.component.annotations.Component;
                import org.osgi.service.component.annotations.ConfigurationPolicy;

                import io.kiln.sample.phrase.Phrase;

                @Component(configurationPid = "%s", configurationPolicy = ConfigurationPolicy.REQUIRE,
                        property = Phrase.KIND + "=welcome")
                public class WelcomePhrase implements Phrase {
                    private final String text;

                    @Activate
                    public WelcomePhrase(Map<String, Object> properties) {
                        text = String.valueOf(properties.get("text"));
                    }

                    @Override
                    public String say(String name) {
                        return text + ", " + name;
                    }
                }
                """.formatted(FACTORY)).writeTo(folders.jars().resolve("welcome.jar"));
        return kilnOptions(folders);
    }

    @Test
    public void eachFactorySectionIsOneComponentInstance() throws Exception {
        deploy("welcome.jar");
        Path english = folders().conf().resolve(FACTORY + "~en.cfg");
        Path french = folders().conf().resolve(FACTORY + "~fr.cfg");

        writeIn(english, "text = Welcome\n");
        writeIn(french, "text = Bienvenue\n");
        await().untilAsserted(() -> assertEquals(Set.of("Welcome, Ada", "Bienvenue, Ada"), sayAll("Ada")));
        assertEquals(Map.of(FACTORY + "~en", english.getFileName().toString(), FACTORY + "~fr", french.getFileName().toString()),
                factoryConfigurations());

        long frenchService = serviceId(instance("fr"));
        writeIn(english, "text = Hi\n");
        await().untilAsserted(() -> assertEquals(Set.of("Hi, Ada", "Bienvenue, Ada"), sayAll("Ada")));
        assertEquals("the other instance untouched", frenchService, serviceId(instance("fr")));

        Files.delete(french);
        await().untilAsserted(() -> assertEquals(Set.of("Hi, Ada"), sayAll("Ada")));
        assertEquals(Map.of(FACTORY + "~en", english.getFileName().toString()), factoryConfigurations());
    }

    @Test
    public void aHyphenIsPartOfThePid() throws Exception {
        writeIn(folders().conf().resolve("itest.my-plugin.cfg"), "colour = blue\n");
        await().untilAsserted(() -> {
            org.osgi.service.cm.Configuration[] found = configurationAdmin.listConfigurations("(service.pid=itest.my-plugin)");
            assertNotNull("a configuration itest.my-plugin", found);
            assertEquals("blue", found[0].getProperties().get("colour"));
            assertEquals("not a factory configuration", null, found[0].getFactoryPid());
        });
    }

    @Test
    public void aPidWithFilterCharactersIsRemovedWithItsFile() throws Exception {
        String pid = "itest.odd(1)*\\x";
        Path file = folders().conf().resolve(pid + ".cfg");
        writeIn(file, "colour = red\n");
        await().untilAsserted(() -> assertEquals("red", configurationsByPid().get(pid)));
        Files.delete(file);
        await().untilAsserted(() -> assertFalse("removed with its file", configurationsByPid().containsKey(pid)));
    }

    /** Every configuration's PID and colour, found without a filter. */
    private Map<String, Object> configurationsByPid() throws Exception {
        org.osgi.service.cm.Configuration[] all = configurationAdmin.listConfigurations(null);
        Map<String, Object> found = new java.util.HashMap<>();
        for (org.osgi.service.cm.Configuration configuration : all == null ? new org.osgi.service.cm.Configuration[0] : all) {
            try {
                found.put(configuration.getPid(), String.valueOf(configuration.getProperties().get("colour")));
            } catch (IllegalStateException deletedMeanwhile) {
                // Kiln removed it between the listing and this look (ConfigAdmin's way of saying so): it is not there
            }
        }
        return found;
    }

    private Set<String> sayAll(String name) {
        return phrases("welcome").stream().map(reference -> say(reference, name)).collect(Collectors.toSet());
    }

    private ServiceReference<Phrase> instance(String name) throws Exception {
        var found = context.getServiceReferences(Phrase.class,
                "(&(" + Phrase.KIND + "=welcome)(" + Constants.SERVICE_PID + "=" + FACTORY + "~" + name + "))");
        assertEquals("one instance for " + name, 1, found.size());
        return found.iterator().next();
    }

    /** PID to source file of each factory configuration of {@link #FACTORY}. */
    private Map<String, Object> factoryConfigurations() throws Exception {
        org.osgi.service.cm.Configuration[] found = configurationAdmin.listConfigurations(
                "(" + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + FACTORY + ")");
        assertNotNull("factory configurations of " + FACTORY, found);
        Map<String, Object> files = new TreeMap<>();
        for (org.osgi.service.cm.Configuration configuration : found) {
            files.put(configuration.getPid(), configuration.getProperties().get("kiln.section.file"));
        }
        return files;
    }
}
