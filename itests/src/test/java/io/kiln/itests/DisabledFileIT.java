package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

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

import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.itests.support.PluginJar;

/**
 * A jar whose name starts with {@code .} or {@code _} is disabled: it sits in {@code hot/} and nothing installs it,
 * until it is renamed to an ordinary name; renamed back, the plugin goes away.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DisabledFileIT extends KilnTestSupport {

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(DisabledFileIT.class);
        seedHot(folders, "kiln-sample-api.jar");
        PluginJar.phrase("itest.dotted", "1.0.0", "dotted", "return \"Dot, \" + name;")
                .writeTo(folders.jars().resolve("dotted.jar"));
        PluginJar.phrase("itest.underscored", "1.0.0", "underscored", "return \"Underscore, \" + name;")
                .writeTo(folders.jars().resolve("underscored.jar"));
        return kilnOptions(folders);
    }

    @Test
    public void disabledJarsAreIgnoredUntilRenamed() throws IOException {
        Path dotted = folders().hot().resolve(".dotted.jar");
        Path underscored = folders().hot().resolve("_underscored.jar");
        int bundles = context.getBundles().length;

        moveIn(folders().jars().resolve("dotted.jar"), dotted);
        moveIn(folders().jars().resolve("underscored.jar"), underscored);
        await().during(A_WHILE).atMost(A_WHILE.plus(SOON)).untilAsserted(() -> {
            assertNull(installedBundle("itest.dotted"));
            assertNull(installedBundle("itest.underscored"));
            assertEquals("nothing installed at all", bundles, context.getBundles().length);
        });

        Files.move(dotted, folders().hot().resolve("dotted.jar"));
        await().untilAsserted(() -> assertEquals("Dot, Ada", say("dotted", "Ada")));
        assertEquals(Bundle.ACTIVE, installedBundle("itest.dotted").getState());
        assertNull("the other stays disabled", installedBundle("itest.underscored"));

        Files.move(underscored, folders().hot().resolve("underscored.jar"));
        await().untilAsserted(() -> assertEquals("Underscore, Ada", say("underscored", "Ada")));
        assertEquals(Bundle.ACTIVE, installedBundle("itest.underscored").getState());

        Files.move(folders().hot().resolve("dotted.jar"), dotted);
        await().untilAsserted(() -> {
            assertNull("disabled again: uninstalled", installedBundle("itest.dotted"));
            assertNull(say("dotted", "Ada"));
        });
        assertEquals(Bundle.ACTIVE, installedBundle("itest.underscored").getState());
    }
}
