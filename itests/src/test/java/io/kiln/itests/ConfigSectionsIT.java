package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.sample.phrase.Phrase;

/**
 * Each {@code conf/<pid>.cfg} file is one configuration section: editing or deleting one changes that section's
 * component, and leaves the other component of the same plugin running as it was.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigSectionsIT extends KilnTestSupport {

    private static final String GREETING = "text = Hello\nshout = false\n";
    private static final String FAREWELL = "text = Goodbye\ntimes = 1\n";

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(ConfigSectionsIT.class);
        seedHot(folders, "kiln-sample-api.jar");
        stageSamplePlugins(folders, "kiln-sample-greeting.jar");
        Files.writeString(folders.conf().resolve("sample.greeting.cfg"), GREETING);
        Files.writeString(folders.conf().resolve("sample.farewell.cfg"), FAREWELL);
        return kilnOptions(folders);
    }

    @Test
    public void editingASectionReconfiguresOnlyItsComponent() throws Exception {
        ServiceReference<Phrase> farewell = givenBothSections();
        long greetingBefore = serviceId(phrase("greeting"));
        Phrase farewellBefore = context.getService(farewell);
        try (ServiceEvents farewellEvents = new ServiceEvents("farewell")) {
            writeIn(greetingFile(), "text = Howdy\nshout = true\n");
            await().untilAsserted(() -> assertEquals("HOWDY, ADA!", say("greeting", "Ada")));

            assertTrue("the greeting component was reconfigured", serviceId(phrase("greeting")) != greetingBefore);
            assertFarewellUntouched(farewell, farewellBefore, farewellEvents);
            assertEquals("Goodbye Ada.", say("farewell", "Ada"));
        } finally {
            context.ungetService(farewell);
        }
    }

    @Test
    public void deletingASectionRemovesOnlyItsConfiguration() throws Exception {
        ServiceReference<Phrase> farewell = givenBothSections();
        Phrase farewellBefore = context.getService(farewell);
        try (ServiceEvents farewellEvents = new ServiceEvents("farewell")) {
            Files.delete(greetingFile());
            await().untilAsserted(() -> {
                assertNull("no greeting without its section", phrase("greeting"));
                assertNull("configuration gone", configurationAdmin.listConfigurations("(service.pid=sample.greeting)"));
            });

            assertNotNull(configurationAdmin.listConfigurations("(service.pid=sample.farewell)"));
            assertFarewellUntouched(farewell, farewellBefore, farewellEvents);
        } finally {
            context.ungetService(farewell);
        }
    }

    private void assertFarewellUntouched(ServiceReference<Phrase> before, Phrase instance, ServiceEvents events) {
        ServiceReference<Phrase> now = phrase("farewell");
        assertNotNull("farewell still there", now);
        assertEquals("same farewell service", serviceId(before), serviceId(now));
        assertSame("same farewell component instance", instance, context.getService(now));
        context.ungetService(now);
        assertTrue("farewell never re-registered: " + events, events.isEmpty());
    }

    /** Puts both sections back as the plugin ships them (a test before may have changed them), once they apply. */
    private ServiceReference<Phrase> givenBothSections() throws Exception {
        if (installedBundle("kiln-sample-greeting") == null) {
            deploy("kiln-sample-greeting.jar");
        }
        writeIn(greetingFile(), GREETING);
        writeIn(folders().conf().resolve("sample.farewell.cfg"), FAREWELL);
        await().untilAsserted(() -> {
            assertEquals("Hello, Ada!", say("greeting", "Ada"));
            assertEquals("Goodbye Ada.", say("farewell", "Ada"));
        });
        org.osgi.service.cm.Configuration configuration = configurationAdmin.listConfigurations("(service.pid=sample.greeting)")[0];
        assertEquals("from the file", greetingFile().getFileName().toString(),
                configuration.getProperties().get("kiln.section.file"));
        return phrase("farewell");
    }

    private Path greetingFile() {
        return folders().conf().resolve("sample.greeting.cfg");
    }

    /** The service events of the phrase services of one kind, from construction to close. */
    private final class ServiceEvents implements ServiceListener, AutoCloseable {
        private final List<String> events = new CopyOnWriteArrayList<>();

        ServiceEvents(String kind) throws InvalidSyntaxException {
            context.addServiceListener(this, "(&(objectClass=" + Phrase.class.getName() + ")(" + Phrase.KIND + "=" + kind + "))");
        }

        @Override
        public void serviceChanged(ServiceEvent event) {
            events.add(event.getType() + " " + event.getServiceReference());
        }

        boolean isEmpty() {
            return events.isEmpty();
        }

        @Override
        public String toString() {
            return events.toString();
        }

        @Override
        public void close() {
            context.removeServiceListener(this);
        }
    }
}
