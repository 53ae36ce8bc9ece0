package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;

import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;

import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.itests.support.PluginJar;
import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.Trigger;
import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.SectionInfo;
import io.kiln.runtime.api.SectionResult;
import io.kiln.sample.phrase.Phrase;

/**
 * A section is checked against its component's {@code @ObjectClassDefinition} before it is applied: a refused
 * save leaves the component on its last good configuration, and is reported with the file, the key, what was
 * expected and what was found.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigValidationIT extends KilnTestSupport {

    private static final String PID = "itest.validated";

    @Inject
    private ConfigService config;

    @Inject
    private io.kiln.runtime.api.LoggingService logging;

    @Inject
    private PluginService plugins;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(ConfigValidationIT.class);
        seedHot(folders, "kiln-sample-api.jar", "kiln-sample-greeting.jar");
        Files.copy(distributionConf().resolve("sample.greeting.cfg"), folders.conf().resolve("sample.greeting.cfg"));
        Files.copy(distributionConf().resolve("sample.farewell.cfg"), folders.conf().resolve("sample.farewell.cfg"));
        Files.writeString(folders.conf().resolve(PID + ".cfg"), "# the test section\ntext = Hello\nlevel = low\ntimes = 1\n");
        PluginJar.named(PID, "1.0.0").source("io.kiln.itests.plugin.validated.ValidatedPhrase", """
                package io.kiln.itests.plugin.validated;

                import org.osgi.service.component.annotations.Activate;
                import org.osgi.service.component.annotations.Component;
                import org.osgi.service.component.annotations.ConfigurationPolicy;
                import org.osgi.service.metatype.annotations.AttributeDefinition;
                import org.osgi.service.metatype.annotations.Designate;
                import org.osgi.service.metatype.annotations.Option;
                import org.osgi.service.metatype.annotations.ObjectClassDefinition;

                import io.kiln.sample.phrase.Phrase;

                @Component(immediate = true, configurationPid = "itest.validated", configurationPolicy = ConfigurationPolicy.REQUIRE,
                        property = Phrase.KIND + "=validated")
                @Designate(ocd = ValidatedPhrase.Config.class)
                public class ValidatedPhrase implements Phrase {

                    @ObjectClassDefinition(name = "Validated phrase")
                    public @interface Config {
                        String text();

                        @AttributeDefinition(options = { @Option(value = "low"), @Option(value = "high") })
                        String level() default "low";

                        @AttributeDefinition(min = "1", max = "5")
                        int times() default 1;
                    }

                    private final String said;

                    @Activate
                    public ValidatedPhrase(Config config) {
                        String text = "high".equals(config.level()) ? config.text().toUpperCase() : config.text();
                        said = (text + " ").repeat(config.times()).trim();
                    }

                    @Override
                    public String say(String name) {
                        return said + ", " + name;
                    }
                }
                """).writeTo(folders.hot().resolve("validated.jar"));
        return options(composite(kilnOptions(folders)), systemProperty("kiln.itest.word").value("Bonjour"));
    }

    @Before
    public void validSectionRuns() throws Exception {
        awaitStartupProcessed();
        writeIn(file(), "# the test section\ntext = Hello\nlevel = low\ntimes = 1\n");
        await().untilAsserted(() -> assertEquals("Hello, Ada", say("validated", "Ada")));
        await().untilAsserted(() -> assertEquals(Outcome.APPLIED, section().state()));
    }

    private Path file() {
        return folders().conf().resolve(PID + ".cfg");
    }

    private SectionInfo section() {
        return config.section(PID).orElseThrow();
    }

    private void assertRefusedKeepingLastGood(String contents, String reason) throws IOException {
        long serviceBefore = serviceId(phrase("validated"));
        writeIn(file(), contents);
        await().untilAsserted(() -> {
            assertEquals(Outcome.REJECTED, section().state());
            assertEquals(reason, section().reason());
        });
        assertEquals("the last good configuration serves", "Hello, Ada", say("validated", "Ada"));
        assertEquals("the component was not touched", serviceBefore, serviceId(phrase("validated")));
        await().untilAsserted(() -> assertTrue("in the history", plugins.history(50).stream()
                .anyMatch(e -> e.name().equals(PID) && e.outcome() == Outcome.REJECTED && e.error().equals(reason))));
    }

    @Test
    public void aWrongTypeIsRefused() throws IOException {
        assertRefusedKeepingLastGood("text = Hi\ntimes = lots\n", "itest.validated.cfg: times: expected an integer, found 'lots'");
    }

    @Test
    public void aValueOutsideTheOptionsIsRefused() throws IOException {
        assertRefusedKeepingLastGood("text = Hi\nlevel = medium\n", "itest.validated.cfg: level: expected one of low, high, found 'medium'");
    }

    @Test
    public void aMissingRequiredValueIsRefused() throws IOException {
        assertRefusedKeepingLastGood("level = high\n", "itest.validated.cfg: missing required value 'text' (text)");
    }

    @Test
    public void aMalformedFileIsRefused() throws IOException {
        assertRefusedKeepingLastGood("text = Hi \\uZZZZ\n",
                "itest.validated.cfg, line 1: cannot be read as a .cfg properties file: a \\u escape needs four hexadecimal digits, as in \\u00e9 (a backslash itself is written \\\\)");
    }

    @Test
    public void anUnknownKeyIsAppliedWithAWarning() throws IOException {
        writeIn(file(), "text = Hi\ncolour = blue\n");
        // both at once: an earlier test may have left "Hi" applied, so the greeting alone does not show this file applied
        await().untilAsserted(() -> {
            assertEquals("Hi, Ada", say("validated", "Ada"));
            assertTrue(section().warnings().toString(), section().warnings().stream().anyMatch(w -> w.contains("unknown key 'colour'")));
        });
    }

    @Test
    public void placeholdersResolveWhenAppliedAndStayInTheFile() throws IOException {
        writeIn(file(), "text = ${prop:kiln.itest.word}\n");
        await().untilAsserted(() -> assertEquals("Bonjour, Ada", say("validated", "Ada")));
        SectionResult set = config.set(PID, "times", "2", Trigger.SHELL);
        assertEquals(set.error(), Outcome.APPLIED, set.outcome());
        await().untilAsserted(() -> assertEquals("Bonjour Bonjour, Ada", say("validated", "Ada")));
        assertEquals(List.of("text = ${prop:kiln.itest.word}", "times = 2"), Files.readAllLines(file()));
    }

    @Test
    public void reloadingASectionTouchesOnlyItsComponents() throws Exception {
        await().untilAsserted(() -> assertNotNull(phrase("farewell")));
        long greeting = serviceId(phrase("greeting"));
        long farewell = serviceId(phrase("farewell"));
        assertEquals(Outcome.APPLIED, config.reload("sample.greeting", Trigger.SHELL).outcome());
        await().untilAsserted(() -> assertTrue("greeting reconfigured", serviceId(phrase("greeting")) != greeting));
        assertEquals("farewell untouched", farewell, serviceId(phrase("farewell")));
    }

    @Test
    public void anEditorThatDeletesAndRecreatesTheFileNeverLeavesTheComponentUnconfigured() throws Exception {
        List<Integer> events = new CopyOnWriteArrayList<>();
        ServiceListener listener = event -> events.add(event.getType());
        context.addServiceListener(listener, "(" + Phrase.KIND + "=validated)");
        try {
            String contents = Files.readString(file());
            Files.delete(file());
            Awaitility.await().pollDelay(Duration.ofMillis(150)).atMost(Duration.ofSeconds(1)).until(() -> true);
            Files.writeString(file(), contents);
            Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> !events.contains(ServiceEvent.UNREGISTERING));
        } finally {
            context.removeServiceListener(listener);
        }
        assertEquals("Hello, Ada", say("validated", "Ada"));
    }

    @Test
    public void setWritesBackAtomicallyKeepingCommentsAndDoesNotLoop() throws Exception {
        List<Integer> updates = new CopyOnWriteArrayList<>();
        ConfigurationListener listener = event -> {
            if (PID.equals(event.getPid()) && event.getType() == ConfigurationEvent.CM_UPDATED) {
                updates.add(event.getType());
            }
        };
        ServiceRegistration<ConfigurationListener> registration = context.registerService(ConfigurationListener.class, listener, null);
        try {
            SectionResult result = config.set(PID, "level", "high", Trigger.SHELL);
            assertEquals(result.error(), Outcome.APPLIED, result.outcome());
            await().untilAsserted(() -> assertEquals("HELLO, Ada", say("validated", "Ada")));
            assertEquals(List.of("# the test section", "text = Hello", "level = high", "times = 1"), Files.readAllLines(file()));
            // FileInstall sees the written file, Kiln reads it again: it says what already runs, nothing more happens
            Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> updates.size() == 1);
        } finally {
            registration.unregister();
        }
        try (var files = Files.list(folders().conf())) {
            assertTrue("no temporary file left", files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    public void aRefusedSetLeavesTheSectionAsItWasAndIsInTheHistoryAsARefusedRequest() throws IOException {
        String reason = "itest.validated.cfg: times: expected an integer, found 'many'";
        SectionResult result = config.set(PID, "times", "many", Trigger.SHELL);
        assertEquals(Outcome.REJECTED, result.outcome());
        assertEquals(reason, result.error());
        assertEquals("the file and the values in use are untouched: the section stays applied", Outcome.APPLIED, section().state());
        assertEquals("", section().reason());
        assertTrue("in the history as a refused set", plugins.history(50).stream().anyMatch(e -> e.name().equals(PID)
                && e.action() == Action.SET && e.outcome() == Outcome.REJECTED && e.error().equals(reason)));
    }

    @Test
    public void aValueOutOfBoundsNamesTheBound() throws IOException {
        assertEquals("itest.validated.cfg: times: '9' is greater than the maximum 5", config.set(PID, "times", "9", Trigger.SHELL).error());
        assertEquals("itest.validated.cfg: times: '0' is less than the minimum 1", config.set(PID, "times", "0", Trigger.SHELL).error());
        assertRefusedKeepingLastGood("text = Hi\ntimes = 6\n", "itest.validated.cfg: times: '6' is greater than the maximum 5");
    }

    @Test
    public void aSetWithAnUnknownKeyIsWrittenAndCarriesTheWarning() throws IOException {
        SectionResult result = config.set(PID, "colour", "blue", Trigger.SHELL);
        assertEquals(result.error(), Outcome.APPLIED, result.outcome());
        assertEquals(List.of("itest.validated.cfg: unknown key 'colour' (Validated phrase knows: text, level, times)"), result.warnings());
        assertTrue(Files.readAllLines(file()).contains("colour = blue"));
    }

    @Test
    public void anUnknownKeyIsLoggedOnceEvenWhenFileInstallReadsTheWrittenFileAgain() throws Exception {
        java.util.concurrent.atomic.AtomicInteger warned = new java.util.concurrent.atomic.AtomicInteger();
        try (io.kiln.runtime.api.LoggingService.Following following = logging.follow(line -> {
            if (line.message().contains("unknown key 'shade'")) {
                warned.incrementAndGet();
            }
        })) {
            assertEquals(Outcome.APPLIED, config.set(PID, "shade", "dark", Trigger.SHELL).outcome());
            // FileInstall sees the written file and Kiln reads it again: the warning must not come back meanwhile
            Awaitility.await().during(A_WHILE).atMost(A_WHILE.plusSeconds(1)).until(() -> warned.get() <= 1);
        }
        assertEquals(1, warned.get());
    }

    @Test
    public void aRefusedSetWritesNothing() throws IOException {
        String before = Files.readString(file());
        SectionResult result = config.set(PID, "times", "many", Trigger.SHELL);
        assertEquals(Outcome.REJECTED, result.outcome());
        assertEquals("itest.validated.cfg: times: expected an integer, found 'many'", result.error());
        assertEquals(before, Files.readString(file()));
    }

}
