package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.kiln.itests.support.GreeterPlugins;
import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.itests.support.PluginJar;
import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.BundleState;
import io.kiln.runtime.api.ChangeImpact;
import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.api.DependentImpact;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.LinkKind;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.PluginGraph;
import io.kiln.runtime.api.PluginLink;
import io.kiln.runtime.api.PluginService;

/**
 * The dependency graph ({@link PluginService#dependencyGraph()}) against the real framework: the sample chain's links
 * and what a change to each link would restart, and, for each way one plugin can use another, that the prediction is
 * what an update then really does (the history's account of it).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DependencyGraphIT extends KilnTestSupport {

    private static final String ALPHA = "kiln-sample-chain-alpha";
    private static final String BETA = "kiln-sample-chain-beta";
    private static final String CHARLIE = "kiln-sample-chain-charlie";
    private static final String API = "kiln-sample-api";

    @Inject
    private PluginService plugins;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(DependencyGraphIT.class);
        seedHot(folders, API + ".jar");
        stageSamplePlugins(folders, ALPHA + ".jar", BETA + ".jar", CHARLIE + ".jar");
        PluginJar.withVersion(samplePlugin(ALPHA + ".jar"), "0.2.0", folders.jars().resolve("alpha-2.jar"));
        for (String t : List.of("kept", "direct")) {
            Path api = GreeterPlugins.api(t, "1.0.0").writeTo(folders.jars().resolve(t + "-api.jar"));
            String property = t.equals("direct") ? "kiln.call.direct:Boolean=true" : "greets=yes";
            GreeterPlugins.service(t, "1.0.0", "Hello", property).against(api).writeTo(folders.jars().resolve(t + "-service-1.jar"));
            GreeterPlugins.service(t, "2.0.0", "Hi", property).against(api).writeTo(folders.jars().resolve(t + "-service-2.jar"));
            GreeterPlugins.client(t).against(api).writeTo(folders.jars().resolve(t + "-client.jar"));
        }
        // the API inside the plugin that implements it: its client imports the package from the plugin itself
        for (String version : List.of("1.0.0", "2.0.0")) {
            GreeterPlugins.service("self", version, version.startsWith("1") ? "Hello" : "Hi", "greets=yes")
                    .source("io.kiln.itests.self.api.Greeter", GreeterPlugins.greeter("self"))
                    .header("Export-Package", "io.kiln.itests.self.api;version=1.0.0")
                    .writeTo(folders.jars().resolve("self-service-" + version.charAt(0) + ".jar"));
        }
        GreeterPlugins.client("self").against(folders.jars().resolve("self-service-1.jar")).writeTo(folders.jars().resolve("self-client.jar"));
        return kilnOptions(folders);
    }

    @Test
    public void theChainIsLinkedThroughHandlesAndANewAlphaRestartsNoneOfItAsTheUpdateThenShows() throws IOException {
        deploy(ALPHA + ".jar", BETA + ".jar", CHARLIE + ".jar");
        PluginGraph graph = await().until(plugins::dependencyGraph, g -> !g.linksTo(BETA).isEmpty());

        assertEquals(BundleState.ACTIVE, graph.plugins().stream().filter(p -> p.name().equals(ALPHA)).findFirst().orElseThrow().state());
        PluginLink betaToAlpha = only(graph.linksFrom(BETA), ALPHA);
        assertEquals(LinkKind.USES_SERVICE_THROUGH_HANDLE, betaToAlpha.kind());
        assertEquals("io.kiln.sample.chain.ChainLink", betaToAlpha.used());
        assertEquals("uses service io.kiln.sample.chain.ChainLink through a handle", betaToAlpha.why());
        assertFalse(betaToAlpha.restartsDependent());
        assertEquals(LinkKind.USES_SERVICE_THROUGH_HANDLE, only(graph.linksFrom(CHARLIE), BETA).kind());
        PluginLink betaToApi = only(graph.linksFrom(BETA), API);
        assertEquals(LinkKind.IMPORTS_PACKAGE, betaToApi.kind());
        assertTrue(betaToApi.used(), betaToApi.used().startsWith("io.kiln.sample.chain "));
        assertTrue(betaToApi.restartsDependent());

        ChangeImpact alpha = graph.impactOfChangeTo(ALPHA).orElseThrow();
        assertEquals(List.of(BETA, CHARLIE), alpha.dependents().stream().map(DependentImpact::plugin).toList());
        assertEquals("a change to alpha restarts none of the chain: " + alpha, List.of(), alpha.restarted());
        assertEquals("depends on " + BETA + ", which depends on it", alpha.dependents().get(1).why());
        // the API bundle is wired to every link: a new build of it refreshes the chain, in the order it starts
        List<String> apiRestarts = graph.impactOfChangeTo(API).orElseThrow().restarted().stream().map(DependentImpact::plugin).toList();
        assertTrue(apiRestarts.toString(), apiRestarts.indexOf(ALPHA) >= 0 && apiRestarts.indexOf(ALPHA) < apiRestarts.indexOf(BETA)
                && apiRestarts.indexOf(BETA) < apiRestarts.indexOf(CHARLIE));
        assertTrue(graph.impactOfChangeTo("no-such-plugin").isEmpty());

        moveIn(folders().jars().resolve("alpha-2.jar"), folders().hot().resolve(ALPHA + ".jar"));
        assertSameAsPredicted(alpha, awaitUpdate(ALPHA, "0.2.0"));
    }

    @Test
    public void whatAnUpdateRestartsIsWhatTheGraphPredictedForEachWayOfUsingAPlugin() throws IOException {
        for (String t : List.of("kept", "direct", "self")) {
            if (!t.equals("self")) {
                moveIn(folders().jars().resolve(t + "-api.jar"), folders().hot().resolve(t + "-api.jar"));
            }
            moveIn(folders().jars().resolve(t + "-service-1.jar"), folders().hot().resolve(t + "-service.jar"));
            moveIn(folders().jars().resolve(t + "-client.jar"), folders().hot().resolve(t + "-client.jar"));
            // its phrase answers once its component has the greeter: the service is in use from then on
            await().until(() -> "Hello, x".equals(say(t + "-client", "x")));
        }
        // a plugin runs before its transaction commits (new plugins found together are committed as one batch): the graph,
        // read from Kiln's records, shows them once committed
        await().until(() -> List.of("kept", "direct", "self").stream().allMatch(t -> plugins.dependencyGraph()
                .impactOfChangeTo("itest." + t + ".service").isPresent() && plugins.plugin("itest." + t + ".client").isPresent()));
        PluginGraph graph = plugins.dependencyGraph();
        assertEquals(LinkKind.USES_SERVICE_THROUGH_HANDLE, only(graph.linksFrom("itest.kept.client"), "itest.kept.service").kind());
        PluginLink direct = only(graph.linksFrom("itest.direct.client"), "itest.direct.service");
        assertEquals(LinkKind.USES_SERVICE, direct.kind());
        assertTrue(direct.why(), direct.why().contains("no handle: registered with kiln.call.direct=true"));
        assertTrue(direct.restartsDependent());
        List<LinkKind> self = graph.linksFrom("itest.self.client").stream().filter(l -> l.provider().equals("itest.self.service"))
                .map(PluginLink::kind).toList();
        assertTrue(self.toString(), self.contains(LinkKind.IMPORTS_PACKAGE));

        for (String t : List.of("kept", "direct", "self")) {
            ChangeImpact predicted = graph.impactOfChangeTo("itest." + t + ".service").orElseThrow();
            assertEquals(t, !t.equals("kept"), predicted.dependents().stream().anyMatch(d -> d.plugin().equals("itest." + t + ".client") && d.restarts()));
            moveIn(folders().jars().resolve(t + "-service-2.jar"), folders().hot().resolve(t + "-service.jar"));
            assertSameAsPredicted(predicted, awaitUpdate("itest." + t + ".service", "2.0.0"));
        }
    }

    /** The update's account of each dependent: restarted, and why, exactly as predicted. */
    private static void assertSameAsPredicted(ChangeImpact predicted, HistoryEntry update) {
        assertEquals(update.error(), Outcome.APPLIED, update.outcome());
        assertEquals(predicted.dependents().stream().map(d -> d.plugin() + ": " + d.restart()).toList(),
                update.dependents().stream().map(d -> d.plugin() + ": " + d.restart()).toList());
        assertTrue(update.dependents().stream().allMatch(DependentChange::intact));
    }

    private static PluginLink only(List<PluginLink> links, String provider) {
        List<PluginLink> to = links.stream().filter(l -> l.provider().equals(provider)).toList();
        assertEquals(to.toString(), 1, to.size());
        return to.get(0);
    }

    private HistoryEntry awaitUpdate(String name, String version) {
        return await().until(() -> plugins.history(50).stream()
                .filter(e -> e.name().equals(name) && e.action() == Action.UPDATE && e.toVersion().equals(version))
                .findFirst().orElse(null), Objects::nonNull);
    }
}
