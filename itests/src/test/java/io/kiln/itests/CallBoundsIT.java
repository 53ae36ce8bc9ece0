package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

import io.kiln.api.call.ReloadInProgressException;
import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.itests.support.PluginJar;
import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.PluginService;
import io.kiln.sample.chain.ChainLink;

/**
 * A call that outlives the wait bound fails, and says why: with {@code calls.wait.millis = 200}, a new alpha that takes
 * well over a second to start makes the calls through the chain that arrive meanwhile fail with a
 * {@link ReloadInProgressException} naming alpha and how long its reload had run. The update itself goes through, and
 * the calls after it are served by the new version.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CallBoundsIT extends KilnTestSupport {

    private static final String ALPHA = "kiln-sample-chain-alpha.jar";

    @Inject
    private PluginService plugins;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(CallBoundsIT.class);
        seedHot(folders, "kiln-sample-api.jar");
        stageSamplePlugins(folders, ALPHA, "kiln-sample-chain-beta.jar", "kiln-sample-chain-charlie.jar");
        Files.writeString(folders.conf().resolve("kiln.runtime.cfg"), "calls.wait.millis = 200\n");
        // a slow start is the plugin's behaviour under test, not the test waiting
        PluginJar.named("kiln-sample-chain-alpha", "2.0.0").source("io.kiln.sample.chain.alpha.AlphaLink", """
                package io.kiln.sample.chain.alpha;

                import org.osgi.service.component.annotations.Activate;
                import org.osgi.service.component.annotations.Component;

                import io.kiln.sample.chain.ChainLink;

                @Component(immediate = true, property = ChainLink.LINK + "=alpha")
                public final class AlphaLink implements ChainLink {
                    @Activate
                    public AlphaLink() throws InterruptedException {
                        Thread.sleep(1500);
                    }

                    @Override
                    public String describe() {
                        return "alpha slow";
                    }
                }
                """).writeTo(folders.jars().resolve("alpha-slow.jar"));
        return kilnOptions(folders);
    }

    @Test
    public void aCallThatWaitsLongerThanTheBoundFailsNamingThePluginAndHowLongItsReloadHadRun() throws Exception {
        deploy(ALPHA, "kiln-sample-chain-beta.jar", "kiln-sample-chain-charlie.jar");
        ServiceReference<ChainLink> top = await().until(() -> context.getServiceReferences(ChainLink.class, "(link=charlie)")
                .stream().findFirst().orElse(null), java.util.Objects::nonNull);
        ChainLink charlie = context.getService(top);
        AtomicBoolean calling = new AtomicBoolean(true);
        Queue<RuntimeException> failures = new ConcurrentLinkedQueue<>();
        Queue<String> served = new ConcurrentLinkedQueue<>();
        Thread caller = new Thread(() -> {
            while (calling.get()) {
                try {
                    served.add(charlie.describe());
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        }, "caller");
        caller.start();
        HistoryEntry update;
        try {
            moveIn(folders().jars().resolve("alpha-slow.jar"), folders().hot().resolve(ALPHA));
            update = await().atMost(java.time.Duration.ofSeconds(10)).until(() -> plugins.history(5).stream()
                    .filter(e -> e.name().equals("kiln-sample-chain-alpha") && e.action() == Action.UPDATE).findFirst().orElse(null),
                    java.util.Objects::nonNull);
            await().until(() -> served.stream().anyMatch(s -> s.endsWith("alpha slow")));
        } finally {
            calling.set(false);
            caller.join();
            context.ungetService(top);
        }
        assertEquals(update.error(), Outcome.APPLIED, update.outcome());
        assertFalse("a call waited past the bound while alpha started", failures.isEmpty());
        for (RuntimeException failure : failures) {
            assertTrue(String.valueOf(failure), failure instanceof ReloadInProgressException);
            ReloadInProgressException reload = (ReloadInProgressException) failure;
            assertEquals("kiln-sample-chain-alpha", reload.plugin());
            assertTrue(reload.getMessage(), reload.getMessage().matches(
                    "a reload of plugin kiln-sample-chain-alpha from \\S+ was in progress for \\d+ ms: the call to ChainLink\\.describe\\(\\) "
                            + "of ChainLink \\(io\\.kiln\\.sample\\.chain\\.alpha\\.AlphaLink\\) waited 200 ms \\(calls\\.wait\\.millis\\) "
                            + "and no version served"));
        }
        assertTrue("no call waited less than the bound: " + failures.peek().getMessage(),
                ((ReloadInProgressException) failures.peek()).reloadMillis() >= 200);
        List<String> after = List.copyOf(served);
        assertTrue(after.get(after.size() - 1), after.get(after.size() - 1).endsWith("-> alpha slow"));
    }
}
