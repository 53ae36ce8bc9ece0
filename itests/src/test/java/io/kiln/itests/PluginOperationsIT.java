package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.Trigger;
import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.ReloadSummary;
import io.kiln.runtime.api.UnknownPluginException;
import io.kiln.sample.chain.ChainLink;
import io.kiln.sample.chain.ChainObserver;

/**
 * The operations every front door uses, on the sample chain (charlie needs beta needs alpha): reload in dependency
 * order, reload all, disable and enable, history.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginOperationsIT extends KilnTestSupport {

    private static final String ALPHA = "kiln-sample-chain-alpha";
    private static final String BETA = "kiln-sample-chain-beta";
    private static final String CHARLIE = "kiln-sample-chain-charlie";

    @Inject
    private PluginService plugins;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(PluginOperationsIT.class);
        seedHot(folders, "kiln-sample-api.jar", ALPHA + ".jar", BETA + ".jar", CHARLIE + ".jar");
        return kilnOptions(folders);
    }

    @Before
    public void chainRuns() throws Exception {
        awaitStartupProcessed();
        await().untilAsserted(() -> assertEquals(1, context.getServiceReferences(ChainLink.class, "(link=charlie)").size()));
    }

    private List<String> recording(Runnable action) {
        List<String> events = new CopyOnWriteArrayList<>();
        ChainObserver observer = (link, event, version) -> events.add(link + " " + event);
        ServiceRegistration<ChainObserver> registration = context.registerService(ChainObserver.class, observer, null);
        try {
            action.run();
        } finally {
            registration.unregister();
        }
        return events;
    }

    private static List<String> names(ReloadSummary summary) {
        return summary.results().stream().map(ChangeResult::plugin).toList();
    }

    @Test
    public void reloadingAlphaReloadsItsDependentsInDependencyOrder() {
        ReloadSummary[] summary = new ReloadSummary[1];
        List<String> events = recording(() -> summary[0] = plugins.reload(ALPHA, true, false, Trigger.SHELL));

        assertEquals(List.of(ALPHA, BETA, CHARLIE), names(summary[0]));
        assertEquals(0, summary[0].failed());
        assertEquals(List.of("charlie deactivate", "beta deactivate", "alpha deactivate",
                "alpha activate", "beta activate", "charlie activate"), events);
    }

    @Test
    public void reloadingWithDependenciesStartsFromTheBottomOfTheChain() {
        ReloadSummary summary = plugins.reload(CHARLIE, false, true, Trigger.SHELL);
        assertEquals(List.of("kiln-sample-api", ALPHA, BETA, CHARLIE), names(summary));
        assertEquals(4, summary.succeeded());
    }

    @Test
    public void reloadAllCountsEveryPlugin() {
        ReloadSummary summary = plugins.reloadAll(Trigger.SHELL);
        assertEquals(4, summary.succeeded());
        assertEquals(0, summary.failed());
        assertTrue(names(summary).indexOf(ALPHA) < names(summary).indexOf(BETA));
        assertTrue(names(summary).indexOf(BETA) < names(summary).indexOf(CHARLIE));
    }

    @Test
    public void aDisabledPluginStopsAndItsDependentsWaitUntilItIsEnabled() throws Exception {
        ChangeResult disabled = plugins.disable(BETA, Trigger.SHELL);
        assertEquals(Outcome.APPLIED, disabled.outcome());
        assertEquals(Bundle.RESOLVED, installedBundle(BETA).getState());
        assertTrue("charlie has no beta to run on", context.getServiceReferences(ChainLink.class, "(link=charlie)").isEmpty());
        assertEquals(false, plugins.plugin(BETA).orElseThrow().enabled());

        // a disabled plugin is not started by a reload-all either
        plugins.reloadAll(Trigger.SHELL);
        assertEquals(Bundle.RESOLVED, installedBundle(BETA).getState());

        assertEquals(Outcome.APPLIED, plugins.enable(BETA, Trigger.SHELL).outcome());
        await().untilAsserted(() -> assertEquals(1, context.getServiceReferences(ChainLink.class, "(link=charlie)").size()));
        assertTrue(plugins.plugin(BETA).orElseThrow().enabled());
        assertEquals(List.of(Action.ENABLE, Action.DISABLE), plugins.history(100).stream()
                .filter(e -> e.name().equals(BETA) && e.action() != Action.RELOAD && e.action() != Action.INSTALL)
                .map(e -> e.action()).toList());
    }

    @Test
    public void anUnknownNameIsNamedWithTheKnownOnes() {
        UnknownPluginException e = assertThrows(UnknownPluginException.class, () -> plugins.reload("nope", true, false, Trigger.SHELL));
        assertTrue(e.getMessage(), e.getMessage().startsWith("no plugin named 'nope'; plugins: kiln-sample-api, " + ALPHA));
    }
}
