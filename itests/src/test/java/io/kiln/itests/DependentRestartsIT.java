package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.PluginService;

/**
 * Which dependents an update restarts, and what the history says of each: one that calls the updated plugin through
 * a handle keeps running; one that imports the package from the updated plugin itself, or is handed its service
 * directly ({@code kiln.call.direct}), is restarted, and the history says why; one whose service the new version no
 * longer offers loses it, and the update is rolled back. Whether a dependent was restarted is seen, not assumed: its
 * own service is registered again when its component is re-created.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DependentRestartsIT extends KilnTestSupport {

    @Inject
    private PluginService plugins;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(DependentRestartsIT.class);
        seedHot(folders, "kiln-sample-api.jar");
        for (String t : List.of("kept", "direct", "gone")) {
            Path api = GreeterPlugins.api(t, "1.0.0").writeTo(folders.jars().resolve(t + "-api.jar"));
            String property = t.equals("direct") ? "kiln.call.direct:Boolean=true" : "greets=yes";
            GreeterPlugins.service(t, "1.0.0", "Hello", property).against(api).writeTo(folders.jars().resolve(t + "-service-1.jar"));
            GreeterPlugins.service(t, "2.0.0", "Hi", property).against(api).writeTo(folders.jars().resolve(t + "-service-2.jar"));
            GreeterPlugins.client(t).against(api).writeTo(folders.jars().resolve(t + "-client.jar"));
        }
        // a client that wants only greeters that greet, and a new version that says it does not
        Path propApi = GreeterPlugins.api("prop", "1.0.0").writeTo(folders.jars().resolve("prop-api.jar"));
        GreeterPlugins.service("prop", "1.0.0", "Hello", "greets=yes").against(propApi).writeTo(folders.jars().resolve("prop-service-1.jar"));
        GreeterPlugins.service("prop", "2.0.0", "Hi", "greets=no").against(propApi).writeTo(folders.jars().resolve("prop-service-2.jar"));
        GreeterPlugins.client("prop", "(greets=yes)").against(propApi).writeTo(folders.jars().resolve("prop-client.jar"));
        // the API inside the plugin that implements it: its callers import the package from the plugin itself
        for (String version : List.of("1.0.0", "2.0.0")) {
            PluginJar self = GreeterPlugins.service("self", version, version.startsWith("1") ? "Hello" : "Hi", "greets=yes")
                    .source("io.kiln.itests.self.api.Greeter", GreeterPlugins.greeter("self"))
                    .header("Export-Package", "io.kiln.itests.self.api;version=1.0.0");
            self.writeTo(folders.jars().resolve("self-service-" + version.charAt(0) + ".jar"));
        }
        GreeterPlugins.client("self").against(folders.jars().resolve("self-service-1.jar")).writeTo(folders.jars().resolve("self-client.jar"));
        PluginJar.named("itest.gone.service", "3.0.0").source("io.kiln.itests.gone.impl.Other", """
                package io.kiln.itests.gone.impl;

                import org.osgi.service.component.annotations.Component;

                @Component(service = Other.class, immediate = true)
                public class Other {
                }
                """).writeTo(folders.jars().resolve("gone-service-3.jar"));
        return kilnOptions(folders);
    }

    @Test
    public void aCallerThroughAHandleKeepsRunning() throws IOException {
        long client = running("kept");
        DependentChange change = update("kept", "2");
        assertTrue(change.why(), change.why().contains("uses service io.kiln.itests.kept.api.Greeter through a handle"));
        assertEquals("kept running: " + change, "", change.restart());
        assertTrue(change.problem(), change.intact());
        assertEquals("the client's component was not re-created", client, serviceId(phrase("kept-client")));
        assertEquals("Hi, x", say("kept-client", "x"));
    }

    @Test
    public void aCallerHandedTheServiceDirectlyIsRestartedAndTheHistorySaysWhy() throws IOException {
        long client = running("direct");
        DependentChange change = update("direct", "2");
        assertEquals("DS unbound it from itest.direct.service: uses service io.kiln.itests.direct.api.Greeter "
                + "(no handle: registered with kiln.call.direct=true)", change.restart());
        assertTrue(change.problem(), change.intact());
        assertNotEquals("the client's component was re-created", client, serviceId(await().until(() -> phrase("direct-client"),
                reference -> reference != null && serviceId(reference) != client)));
        assertEquals("Hi, x", say("direct-client", "x"));
    }

    @Test
    public void aCallerThatImportsFromThePluginIsRefreshedWithItAndTheHistorySaysWhy() throws IOException {
        long client = running("self");
        DependentChange change = update("self", "2");
        assertTrue(change.restart(), change.restart().startsWith("refreshed with itest.self.service: imports package io.kiln.itests.self.api"));
        assertTrue(change.problem(), change.intact());
        assertNotEquals(client, serviceId(await().until(() -> phrase("self-client"),
                reference -> reference != null && serviceId(reference) != client)));
        assertEquals("Hi, x", say("self-client", "x"));
    }

    @Test
    public void aServiceTheNewVersionNoLongerOffersIsDroppedAndTheUpdateRolledBack() throws IOException {
        running("gone");
        moveIn(folders().jars().resolve("gone-service-3.jar"), folders().hot().resolve("gone-service.jar"));
        HistoryEntry update = awaitUpdate("gone", "3.0.0");
        assertEquals(update.error(), Outcome.ROLLED_BACK, update.outcome());
        assertTrue(update.error(), update.error().contains("dependent itest.gone.client is not back"));
        DependentChange change = update.dependents().stream().filter(d -> d.plugin().equals("itest.gone.client")).findFirst().orElseThrow();
        assertTrue(change.restart(), change.restart().startsWith("itest.gone.service dropped its service io.kiln.itests.gone.api.Greeter: "
                + "its version that runs now no longer offers it"));
        assertTrue("back after the rollback: " + change.problem(), change.intact());
        assertEquals("Hello, x", say("gone-client", "x"));
    }

    @Test
    public void aServicePropertyTheNewVersionChangesReachesItsCallersThroughTheHandle() throws IOException {
        running("prop");
        moveIn(folders().jars().resolve("prop-service-2.jar"), folders().hot().resolve("prop-service.jar"));
        HistoryEntry update = awaitUpdate("prop", "2.0.0");
        // greets=no no longer matches the client's target: it loses the handle, so the update is undone
        assertEquals(update.error(), Outcome.ROLLED_BACK, update.outcome());
        assertTrue(update.error(), update.error().contains("dependent itest.prop.client is not back"));
        await().untilAsserted(() -> assertEquals("the handle has version 1's properties again", "Hello, x", say("prop-client", "x")));
    }

    /** Puts the API, the service and its client of {@code t} in; returns the service id of the client's phrase. */
    private long running(String t) throws IOException {
        if (!t.equals("self")) {
            moveIn(folders().jars().resolve(t + "-api.jar"), folders().hot().resolve(t + "-api.jar"));
        }
        moveIn(folders().jars().resolve(t + "-service-1.jar"), folders().hot().resolve(t + "-service.jar"));
        moveIn(folders().jars().resolve(t + "-client.jar"), folders().hot().resolve(t + "-client.jar"));
        await().until(() -> phrase(t + "-client") != null);
        assertEquals("Hello, x", say(t + "-client", "x"));
        return serviceId(phrase(t + "-client"));
    }

    private DependentChange update(String t, String build) throws IOException {
        moveIn(folders().jars().resolve(t + "-service-" + build + ".jar"), folders().hot().resolve(t + "-service.jar"));
        HistoryEntry update = awaitUpdate(t, build + ".0.0");
        assertEquals(update.error(), Outcome.APPLIED, update.outcome());
        return update.dependents().stream().filter(d -> d.plugin().equals("itest." + t + ".client")).findFirst().orElseThrow();
    }

    private HistoryEntry awaitUpdate(String t, String version) {
        return await().until(() -> plugins.history(50).stream()
                .filter(e -> e.name().equals("itest." + t + ".service") && e.action() == Action.UPDATE && e.toVersion().equals(version))
                .findFirst().orElse(null), java.util.Objects::nonNull);
    }
}
