package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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
 * A jar still being written straight into {@code hot/} (a slow copy, a download) is left alone until it is complete,
 * then installed and started.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PartialJarIT extends KilnTestSupport {

    private static final String PLUGIN = "itest.partial";

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(PartialJarIT.class);
        seedHot(folders, "kiln-sample-api.jar");
        PluginJar.phrase(PLUGIN, "1.0.0", "partial", "return \"Complete, \" + name;")
                .writeTo(folders.jars().resolve("partial.jar"));
        return kilnOptions(folders);
    }

    @Test
    public void halfWrittenJarWaitsUntilComplete() throws IOException {
        byte[] bytes = Files.readAllBytes(folders().jars().resolve("partial.jar"));
        // past the manifest (the first entry), short of the central directory (at the end)
        int half = bytes.length / 2;
        Path jar = folders().hot().resolve("partial.jar");
        int bundles = context.getBundles().length;

        try (OutputStream out = Files.newOutputStream(jar, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(bytes, 0, half);
            out.flush();
            await().during(A_WHILE).atMost(A_WHILE.plus(SOON)).untilAsserted(() -> {
                assertNull(installedBundle(PLUGIN));
                assertEquals("nothing installed at all", bundles, context.getBundles().length);
            });

            out.write(bytes, half, bytes.length - half);
        }
        await().untilAsserted(() -> assertEquals("Complete, Ada", say("partial", "Ada")));
        Bundle installed = installedBundle(PLUGIN);
        assertEquals(Bundle.ACTIVE, installed.getState());
    }
}
