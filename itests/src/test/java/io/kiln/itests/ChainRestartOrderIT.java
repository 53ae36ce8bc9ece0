package io.kiln.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
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
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.ReloadSummary;
import io.kiln.runtime.api.Trigger;
import io.kiln.sample.chain.ChainLink;
import io.kiln.sample.chain.ChainObserver;

/**
 * A reload of the plugin at the bottom of a dependency chain (charlie needs beta needs alpha) with its dependents
 * restarts the chain in dependency order: dependents stop before what they depend on, and start after it. (A new
 * version of alpha alone restarts nothing but alpha: {@link ZeroFailedCallsIT}.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ChainRestartOrderIT extends KilnTestSupport {

    private static final String ALPHA = "kiln-sample-chain-alpha.jar";

    @Inject
    private PluginService plugins;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(ChainRestartOrderIT.class);
        seedHot(folders, "kiln-sample-api.jar");
        stageSamplePlugins(folders, ALPHA, "kiln-sample-chain-beta.jar", "kiln-sample-chain-charlie.jar");
        return kilnOptions(folders);
    }

    @Test
    public void aReloadWithDependentsRestartsTheChainInDependencyOrder() throws Exception {
        deploy(ALPHA, "kiln-sample-chain-beta.jar", "kiln-sample-chain-charlie.jar");
        await().untilAsserted(() -> assertEquals(1, context.getServiceReferences(ChainLink.class, "(link=charlie)").size()));
        String alpha = installedBundle("kiln-sample-chain-alpha").getVersion().toString();
        String beta = installedBundle("kiln-sample-chain-beta").getVersion().toString();
        String charlie = installedBundle("kiln-sample-chain-charlie").getVersion().toString();

        List<String> events = new CopyOnWriteArrayList<>();
        ChainObserver observer = (link, event, version) -> events.add(link + " " + event + " " + version);
        ServiceRegistration<ChainObserver> registration = context.registerService(ChainObserver.class, observer, null);
        try {
            ReloadSummary summary = plugins.reload("kiln-sample-chain-alpha", true, false, Trigger.SHELL);
            assertEquals(summary.toString(), 3, summary.succeeded());
            // six events, and no seventh for a while
            await().during(A_WHILE.dividedBy(3)).atMost(SOON).until(() -> events.size() == 6);
        } finally {
            registration.unregister();
        }

        assertEquals(List.of(
                "charlie deactivate " + charlie,
                "beta deactivate " + beta,
                "alpha deactivate " + alpha,
                "alpha activate " + alpha,
                "beta activate " + beta,
                "charlie activate " + charlie), events);
        ServiceReference<ChainLink> chain = context.getServiceReferences(ChainLink.class, "(link=charlie)").iterator().next();
        assertEquals("charlie " + charlie + " -> beta " + beta + " -> alpha " + alpha, context.getService(chain).describe());
        context.ungetService(chain);
    }
}
