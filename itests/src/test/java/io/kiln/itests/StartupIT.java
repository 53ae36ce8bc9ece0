package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.sample.chain.ChainLink;

/**
 * Kiln started on the distribution's {@code hot/} and {@code conf/} as shipped (every sample plugin, both sample
 * sections) runs every plugin, configured.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StartupIT extends KilnTestSupport {

    private static final List<String> SAMPLES = List.of("kiln-sample-api.jar", "kiln-sample-chain-alpha.jar",
            "kiln-sample-chain-beta.jar", "kiln-sample-chain-charlie.jar", "kiln-sample-greeting.jar");

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(StartupIT.class);
        seedHot(folders, SAMPLES.toArray(String[]::new));
        try (Stream<Path> sections = Files.list(distributionConf())) {
            for (Path section : sections.filter(p -> p.getFileName().toString().endsWith(".cfg")).toList()) {
                Files.copy(section, folders.conf().resolve(section.getFileName()));
            }
        }
        return kilnOptions(folders);
    }

    @Test
    public void everyShippedPluginRunsConfigured() throws Exception {
        await().untilAsserted(() -> {
            for (String plugin : SAMPLES) {
                Bundle bundle = installedBundle(plugin.substring(0, plugin.length() - ".jar".length()));
                assertEquals(plugin + " active", Bundle.ACTIVE, bundle == null ? -1 : bundle.getState());
            }
            assertEquals("Hello, Ada!", say("greeting", "Ada"));
            assertEquals("Goodbye Ada.", say("farewell", "Ada"));
            assertEquals(1, context.getServiceReferences(ChainLink.class, "(link=charlie)").size());
        });
        String version = installedBundle("kiln-sample-chain-alpha").getVersion().toString();
        ServiceReference<ChainLink> charlie = context.getServiceReferences(ChainLink.class, "(link=charlie)").iterator().next();
        try {
            assertEquals("charlie " + version + " -> beta " + version + " -> alpha " + version, context.getService(charlie).describe());
        } finally {
            context.ungetService(charlie);
        }
    }

    @Test
    public void everyBundleResolvesWithOneLoggingApi() throws Exception {
        awaitStartupProcessed();
        List<String> unresolved = Stream.of(context.getBundles())
                .filter(b -> b.getState() == Bundle.INSTALLED).map(Bundle::getSymbolicName).toList();
        assertTrue("unresolved: " + unresolved, unresolved.isEmpty());
        List<String> slf4j = Stream.of(context.getBundles())
                .filter(b -> exportsPackage(b, "org.slf4j")).map(Bundle::getSymbolicName).toList();
        assertEquals("the one org.slf4j in the framework", List.of("org.ops4j.pax.logging.pax-logging-api"), slf4j);
    }

    private static boolean exportsPackage(Bundle bundle, String name) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && revision.getDeclaredCapabilities(BundleRevision.PACKAGE_NAMESPACE).stream()
                .map(BundleCapability::getAttributes)
                .anyMatch(attributes -> name.equals(attributes.get(BundleRevision.PACKAGE_NAMESPACE)));
    }
}
