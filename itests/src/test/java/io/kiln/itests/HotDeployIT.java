package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.itests.support.PluginJar;

/**
 * A plugin jar dropped into {@code hot/} runs; a new jar in its place replaces the running code; deleting the jar
 * removes the plugin.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployIT extends KilnTestSupport {

    private static final String PLUGIN = "itest.hello";

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(HotDeployIT.class);
        seedHot(folders, "kiln-sample-api.jar");
        PluginJar.phrase(PLUGIN, "1.0.0", "hello", "return \"Hello, \" + name + \"!\";")
                .writeTo(folders.jars().resolve("hello-1.jar"));
        PluginJar.phrase(PLUGIN, "2.0.0", "hello", "return \"Welcome back, \" + name.toUpperCase() + \".\";")
                .writeTo(folders.jars().resolve("hello-2.jar"));
        return kilnOptions(folders);
    }

    @Test
    public void dropReplaceAndDeleteAPlugin() throws IOException {
        Path jar = folders().hot().resolve("hello.jar");

        moveIn(folders().jars().resolve("hello-1.jar"), jar);
        await().untilAsserted(() -> assertEquals("Hello, Ada!", say("hello", "Ada")));
        Bundle installed = installedBundle(PLUGIN);
        assertEquals(Bundle.ACTIVE, installed.getState());
        assertEquals(new Version(1, 0, 0), installed.getVersion());

        moveIn(folders().jars().resolve("hello-2.jar"), jar);
        await().untilAsserted(() -> assertEquals("Welcome back, ADA.", say("hello", "Ada")));
        Bundle updated = installedBundle(PLUGIN); // the one bundle of that name: version 1 is gone
        assertEquals(new Version(2, 0, 0), updated.getVersion());
        assertEquals(Bundle.ACTIVE, updated.getState());

        Files.delete(jar);
        await().untilAsserted(() -> {
            assertNull("the plugin is gone", installedBundle(PLUGIN));
            assertTrue("its service is gone", phrases("hello").isEmpty());
            // Felix takes the bundle out of getBundles() before it sets its state to UNINSTALLED (on another thread)
            assertEquals(Bundle.UNINSTALLED, updated.getState());
        });
        assertNotNull("the API the plugin used stays", installedBundle("kiln-sample-api"));
    }
}
