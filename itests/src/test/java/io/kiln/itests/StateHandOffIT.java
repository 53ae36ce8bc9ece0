package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.itests.support.PluginJar;
import io.kiln.runtime.api.Trigger;
import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.PluginService;
import io.kiln.sample.counter.Counter;

/**
 * The stateful sample keeps its count across an update of its jar, a reload, a rollback, and a failed update that
 * Kiln rolls back. (Across a restart of Kiln: the distribution's ShellIT.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StateHandOffIT extends KilnTestSupport {

    private static final String COUNTER = "kiln-sample-counter";

    @Inject
    private PluginService plugins;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(StateHandOffIT.class);
        seedHot(folders, "kiln-sample-api.jar", COUNTER + ".jar");
        PluginJar.withVersion(samplePlugin(COUNTER + ".jar"), "0.2.0", folders.jars().resolve("counter-0.2.jar"));
        // a broken release of the counter: the same plugin, an activator that fails
        PluginJar.named(COUNTER, "0.3.0").source("io.kiln.itests.plugin.brokencounter.Activator", """
                package io.kiln.itests.plugin.brokencounter;

                import org.osgi.framework.BundleActivator;
                import org.osgi.framework.BundleContext;

                public class Activator implements BundleActivator {
                    public void start(BundleContext context) {
                        throw new IllegalStateException("broken release");
                    }

                    public void stop(BundleContext context) {
                    }
                }
                """).header("Bundle-Activator", "io.kiln.itests.plugin.brokencounter.Activator")
                .writeTo(folders.jars().resolve("counter-broken.jar"));
        return kilnOptions(folders);
    }

    private long count() {
        ServiceReference<Counter> reference = context.getServiceReference(Counter.class);
        Counter counter = context.getService(reference);
        try {
            return counter.value();
        } finally {
            context.ungetService(reference);
        }
    }

    private void increment(int times) {
        ServiceReference<Counter> reference = context.getServiceReference(Counter.class);
        Counter counter = context.getService(reference);
        try {
            for (int i = 0; i < times; i++) {
                counter.increment();
            }
        } finally {
            context.ungetService(reference);
        }
    }

    private void awaitVersion(String version) {
        await().untilAsserted(() -> {
            assertEquals(version, installedBundle(COUNTER).getVersion().toString());
            assertEquals(1, context.getServiceReferences(Counter.class, null).size());
        });
    }

    @Test
    public void theCountSurvivesUpdateReloadRollbackAndAFailedUpdate() throws Exception {
        awaitStartupProcessed();
        await().untilAsserted(() -> assertEquals(1, context.getServiceReferences(Counter.class, null).size()));
        increment(3);

        moveIn(folders().jars().resolve("counter-0.2.jar"), folders().hot().resolve(COUNTER + ".jar"));
        awaitVersion("0.2.0");
        assertEquals("after an update of the jar", 3, count());

        increment(1);
        assertEquals(0, plugins.reload(COUNTER, true, false, Trigger.SHELL).failed());
        assertEquals("after a reload", 4, count());

        ChangeResult rollback = plugins.rollback(COUNTER, null, Trigger.SHELL);
        assertEquals(rollback.error(), Outcome.APPLIED, rollback.outcome());
        awaitVersion("0.1.0.SNAPSHOT");
        assertEquals("after a rollback", 4, count());

        increment(1);
        moveIn(folders().jars().resolve("counter-broken.jar"), folders().hot().resolve(COUNTER + ".jar"));
        HistoryEntry failed = await().until(() -> plugins.history(20).stream()
                .filter(e -> e.name().equals(COUNTER) && e.toVersion().equals("0.3.0")).findFirst().orElse(null), java.util.Objects::nonNull);
        assertEquals(Outcome.ROLLED_BACK, failed.outcome());
        assertTrue(failed.error(), failed.error().contains("broken release"));
        awaitVersion("0.1.0.SNAPSHOT");
        assertEquals("after a failed update rolled back", 5, count());
    }
}
