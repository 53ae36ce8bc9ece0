package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
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
import org.osgi.framework.Bundle;

import io.kiln.itests.support.GreeterPlugins;
import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.itests.support.PluginJar;
import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.BundleState;
import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.PluginInfo;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.SectionInfo;
import io.kiln.runtime.api.SectionResult;
import io.kiln.runtime.api.Trigger;

/**
 * A change covers the plugins that depend on the changed one: a service plugin (its API package exported from an API
 * bundle, or from itself) and a client that imports the package and needs the service. A candidate that would leave
 * the client unresolved is refused; a change after which the client is not back is rolled back, client included;
 * disable and uninstall say what they leave the client without; the history names each dependent and why.
 * Each test has plugins of its own.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DependentsIT extends KilnTestSupport {

    @Inject
    private PluginService plugins;

    @Inject
    private ConfigService config;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(DependentsIT.class);
        seedHot(folders, "kiln-sample-api.jar");
        for (String t : List.of("major", "gone", "fails", "off", "hist", "back", "again")) {
            Path api = GreeterPlugins.api(t, "1.0.0").writeTo(folders.jars().resolve(t + "-api-1.jar"));
            GreeterPlugins.service(t, "1.0.0", "Hello", "greets=yes").against(api).writeTo(folders.jars().resolve(t + "-service-1.jar"));
            GreeterPlugins.client(t).against(api).writeTo(folders.jars().resolve(t + "-client.jar"));
        }
        Path failsApi = folders.jars().resolve("fails-api-1.jar");
        GreeterPlugins.api("major", "2.0.0").writeTo(folders.jars().resolve("major-api-2.jar"));
        // a build that no longer offers the service: its own component is fine, the client's is not
        PluginJar.named("itest.gone.service", "2.0.0").source("io.kiln.itests.gone.impl.Other", """
                package io.kiln.itests.gone.impl;

                import org.osgi.service.component.annotations.Component;

                @Component(service = Other.class, immediate = true)
                public class Other {
                }
                """).writeTo(folders.jars().resolve("gone-service-2.jar"));
        PluginJar.named("itest.fails.service", "2.0.0").source("io.kiln.itests.fails.impl.FailingGreeter", """
                package io.kiln.itests.fails.impl;

                import org.osgi.service.component.annotations.Activate;
                import org.osgi.service.component.annotations.Component;

                import io.kiln.itests.fails.api.Greeter;

                @Component(immediate = true)
                public class FailingGreeter implements Greeter {
                    @Activate
                    public FailingGreeter() {
                        throw new IllegalStateException("no greetings today");
                    }

                    @Override
                    public String greet(String name) {
                        return "never";
                    }
                }
                """).against(failsApi).writeTo(folders.jars().resolve("fails-service-2.jar"));
        GreeterPlugins.service("hist", "2.0.0", "Hi", "greets=yes").against(folders.jars().resolve("hist-api-1.jar")).writeTo(folders.jars().resolve("hist-service-2.jar"));
        GreeterPlugins.service("back", "2.0.0", "Hi", "greets=yes").against(folders.jars().resolve("back-api-1.jar")).writeTo(folders.jars().resolve("back-service-2.jar"));
        PluginJar.phrase("itest.engine", "1.0.0", "engine", "return \"e1\";").writeTo(folders.jars().resolve("engine-1.jar"));
        // the same version, another build, whose component fails
        PluginJar.named("itest.engine", "1.0.0").source("io.kiln.itests.engine.Broken", """
                package io.kiln.itests.engine;

                import org.osgi.service.component.annotations.Activate;
                import org.osgi.service.component.annotations.Component;

                @Component(immediate = true, service = Broken.class)
                public class Broken {
                    @Activate
                    public Broken() {
                        throw new IllegalStateException("broken build");
                    }
                }
                """).writeTo(folders.jars().resolve("engine-broken.jar"));
        PluginJar.phrase("itest.unsaved", "1.0.0", "unsaved", "return \"u\";").writeTo(folders.jars().resolve("unsaved-1.jar"));
        PluginJar.phrase("itest.squatter", "1.0.0", "squatter", "return \"s\";").writeTo(folders.jars().resolve("squatter.jar"));
        PluginJar.phrase("itest.named", "1.0.0", "named", "return \"n\";").writeTo(folders.jars().resolve("named.jar"));
        // a service configured by section itest.conf, which fails to activate when told to, and a client of it
        Path confApi = GreeterPlugins.api("conf", "1.0.0").writeTo(folders.jars().resolve("conf-api-1.jar"));
        GreeterPlugins.configured("conf", "REQUIRE").against(confApi).writeTo(folders.jars().resolve("conf-service-1.jar"));
        GreeterPlugins.client("conf").against(confApi).writeTo(folders.jars().resolve("conf-client.jar"));
        Files.writeString(folders.conf().resolve("itest.conf.cfg"), "word = Hello\n");
        return kilnOptions(folders);
    }


    private void running(String t) throws IOException {
        deploy(t + "-api-1.jar", t + "-service-1.jar", t + "-client.jar");
        await().untilAsserted(() -> assertEquals("Hello, x", say(t + "-client", "x")));
    }

    private ChangeResult awaitChange(String plugin, Action action) {
        HistoryEntry entry = await().until(() -> plugins.history(200).stream()
                .filter(e -> e.name().equals(plugin) && e.action() == action).findFirst().orElse(null), java.util.Objects::nonNull);
        return new ChangeResult(entry.name(), entry.action(), entry.outcome(), entry.fromVersion(), entry.toVersion(),
                java.time.Duration.ofMillis(entry.durationMillis()), entry.error(), entry.dependents());
    }

    private void assertClientWorks(String t, String word) {
        await().untilAsserted(() -> assertEquals(word + ", x", say(t + "-client", "x")));
        Bundle client = installedBundle("itest." + t + ".client");
        assertEquals(Bundle.ACTIVE, client.getState());
        PluginInfo info = plugins.plugin("itest." + t + ".client").orElseThrow();
        assertFalse("not degraded: " + info.problems(), info.degraded());
    }

    @Test
    public void anApiMovedToANewMajorVersionIsRefusedBeforeTheRunningApiIsTouched() throws IOException {
        running("major");
        long apiId = installedBundle("itest.major.api").getBundleId();
        moveIn(folders().jars().resolve("major-api-2.jar"), folders().hot().resolve("major-api-1.jar"));

        ChangeResult refused = awaitChange("itest.major.api", Action.UPDATE);
        assertEquals(refused.error(), Outcome.REJECTED, refused.outcome());
        assertTrue(refused.error(), refused.error().contains("would leave its dependents unresolved"));
        assertTrue("names the dependent: " + refused.error(), refused.error().contains("itest.major.client"));
        assertTrue("names the package: " + refused.error(), refused.error().contains("io.kiln.itests.major.api"));
        assertEquals("the refused build's version", "2.0.0", refused.toVersion());
        assertTrue("the dependent is in the history with what it would lack: " + refused.dependents(), refused.dependents().stream()
                .anyMatch(d -> d.plugin().equals("itest.major.client") && d.problem().startsWith("needs osgi.wiring.package")));
        assertEquals("the running API was not touched", apiId, installedBundle("itest.major.api").getBundleId());
        assertEquals("1.0.0", installedBundle("itest.major.api").getVersion().toString());
        assertClientWorks("major", "Hello");
    }

    @Test
    public void anUpdateThatLeavesADependentWithoutItsServiceIsRolledBackDependentIncluded() throws IOException {
        running("gone");
        moveIn(folders().jars().resolve("gone-service-2.jar"), folders().hot().resolve("gone-service-1.jar"));

        ChangeResult result = awaitChange("itest.gone.service", Action.UPDATE);
        assertEquals(result.error(), Outcome.ROLLED_BACK, result.outcome());
        assertTrue("names the dependent: " + result.error(), result.error().contains("dependent itest.gone.client is not back"));
        assertEquals("1.0.0", installedBundle("itest.gone.service").getVersion().toString());
        DependentChange client = result.dependents().stream().filter(d -> d.plugin().equals("itest.gone.client")).findFirst().orElseThrow();
        assertTrue("back after the rollback: " + client.problem(), client.intact());
        assertClientWorks("gone", "Hello");
    }

    @Test
    public void aFailedUpdateRolledBackBringsTheDependentBackAndSaysSo() throws IOException {
        running("fails");
        moveIn(folders().jars().resolve("fails-service-2.jar"), folders().hot().resolve("fails-service-1.jar"));

        ChangeResult result = awaitChange("itest.fails.service", Action.UPDATE);
        assertEquals(result.error(), Outcome.ROLLED_BACK, result.outcome());
        assertTrue(result.error(), result.error().contains("no greetings today"));
        assertTrue(result.dependents().stream().anyMatch(d -> d.plugin().equals("itest.fails.client") && d.intact()));
        assertClientWorks("fails", "Hello");
        PluginInfo client = plugins.plugin("itest.fails.client").orElseThrow();
        assertEquals(BundleState.ACTIVE, client.state());
    }

    @Test
    public void disableSaysWhatItsDependentsAreLeftWithoutAndTheyShowAsDegradedUntilEnabled() throws IOException {
        running("off");
        ChangeResult disabled = plugins.disable("itest.off.service", Trigger.SHELL);
        assertEquals(Outcome.APPLIED, disabled.outcome());
        DependentChange client = disabled.dependents().stream().filter(d -> d.plugin().equals("itest.off.client")).findFirst().orElseThrow();
        assertTrue(client.why(), client.why().contains("uses service io.kiln.itests.off.api.Greeter"));
        // the reference is named by the constructor's parameter (plugins are compiled with -parameters)
        assertTrue(client.problem(), client.problem().contains("GreetingPhrase waits for greeter (io.kiln.itests.off.api.Greeter)"));

        PluginInfo degraded = plugins.plugin("itest.off.client").orElseThrow();
        assertEquals(BundleState.ACTIVE, degraded.state());
        assertTrue("degraded: " + degraded, degraded.degraded());
        assertTrue(degraded.problems().toString(), degraded.problems().get(0).contains("waits for greeter (io.kiln.itests.off.api.Greeter)"));

        ChangeResult enabled = plugins.enable("itest.off.service", Trigger.SHELL);
        assertEquals(enabled.error(), Outcome.APPLIED, enabled.outcome());
        assertTrue("checked on its dependent: " + enabled.dependents(),
                enabled.dependents().stream().anyMatch(d -> d.plugin().equals("itest.off.client") && d.intact()));
        assertClientWorks("off", "Hello");
    }

    @Test
    public void theHistoryNamesEachDependentAChangeRestartedAndWhy() throws IOException {
        running("hist");
        moveIn(folders().jars().resolve("hist-service-2.jar"), folders().hot().resolve("hist-service-1.jar"));

        ChangeResult result = awaitChange("itest.hist.service", Action.UPDATE);
        assertEquals(result.error(), Outcome.APPLIED, result.outcome());
        DependentChange client = result.dependents().stream().filter(d -> d.plugin().equals("itest.hist.client")).findFirst().orElseThrow();
        assertTrue(client.why(), client.why().contains("uses service io.kiln.itests.hist.api.Greeter"));
        assertTrue(client.problem(), client.intact());
        assertClientWorks("hist", "Hi");
        assertEquals(List.of("itest.hist.client"), plugins.plugin("itest.hist.service").orElseThrow().dependents());

        // a reload of the service alone checks the dependent it does not reload
        ChangeResult reloaded = plugins.reload("itest.hist.service", false, false, Trigger.SHELL).results().get(0);
        assertEquals(reloaded.error(), Outcome.APPLIED, reloaded.outcome());
        assertTrue(reloaded.dependents().toString(),
                reloaded.dependents().stream().anyMatch(d -> d.plugin().equals("itest.hist.client") && d.intact()));
        assertClientWorks("hist", "Hi");
    }

    @Test
    public void aRollbackBringsTheDependentsBackAndARefusedRollbackIsNotRecorded() throws IOException {
        running("back");
        moveIn(folders().jars().resolve("back-service-2.jar"), folders().hot().resolve("back-service-1.jar"));
        await().untilAsserted(() -> assertEquals("Hi, x", say("back-client", "x")));

        ChangeResult refused = plugins.rollback("itest.back.service", "9.9.9", Trigger.SHELL);
        assertEquals(Outcome.REJECTED, refused.outcome());
        assertTrue(refused.error(), refused.error().contains("kept: "));
        assertFalse("a refused request changes nothing and is not recorded", plugins.history(1000).stream()
                .anyMatch(e -> e.name().equals("itest.back.service") && e.action() == Action.ROLLBACK));

        String id = plugins.plugin("itest.back.service").orElseThrow().previousVersions().get(0).id();
        ChangeResult back = plugins.rollback("itest.back.service", id, Trigger.SHELL);
        assertEquals(back.error(), Outcome.APPLIED, back.outcome());
        assertTrue(back.dependents().stream().anyMatch(d -> d.plugin().equals("itest.back.client") && d.intact()));
        assertClientWorks("back", "Hello");
    }

    @Test
    public void aSectionThatBreaksThePluginItConfiguresIsUndoneAndItsDependentKeepsWorking() throws IOException {
        running("conf");
        Path file = folders().conf().resolve("itest.conf.cfg");
        writeIn(file, "word = Hi\n");
        assertClientWorks("conf", "Hi");
        assertEquals(Outcome.APPLIED, config.section("itest.conf").orElseThrow().state());

        // valid as far as any definition can tell, but the component refuses it
        writeIn(file, "word = Boom\nbroken = true\n");
        SectionInfo refused = await().until(() -> config.section("itest.conf").orElseThrow(), s -> s.state() == Outcome.REJECTED);
        assertTrue(refused.reason(), refused.reason().contains("itest.conf.cfg: applied, but"));
        assertTrue(refused.reason(), refused.reason().contains("broken on purpose"));
        assertTrue(refused.reason(), refused.reason().contains("the last good configuration is back"));
        HistoryEntry undone = plugins.history(50).stream().filter(e -> e.name().equals("itest.conf")).findFirst().orElseThrow();
        assertEquals("the history says it was undone, as a rolled-back update's does", Outcome.ROLLED_BACK, undone.outcome());
        assertClientWorks("conf", "Hi");
        assertEquals("the components run on the last good values", "Hi", config.section("itest.conf").orElseThrow().properties().get("word"));

        // the same through a set: undone, and the file left as it was
        writeIn(file, "word = Hi\n");
        await().until(() -> config.section("itest.conf").orElseThrow().state() == Outcome.APPLIED);
        SectionResult set = config.set("itest.conf", "broken", "true", Trigger.SHELL);
        assertEquals(set.error(), Outcome.ROLLED_BACK, set.outcome());
        assertEquals("word = Hi\n", Files.readString(file));
        assertEquals(Outcome.APPLIED, config.section("itest.conf").orElseThrow().state());
        assertClientWorks("conf", "Hi");
    }

    @Test
    public void unknownPluginsAreRefusedByName() {
        assertThrows(io.kiln.runtime.api.UnknownPluginException.class, () -> plugins.uninstall("itest.nope", Trigger.SHELL));
    }

    /** A jar outside hot/, built before the framework started: the engine copies it. */
    private Path outside(String name) {
        return folders().jars().resolve(name);
    }

    @Test
    public void theEngineInstallsAndUninstallsWithAVerdictAndResendingTheRunningBuildAnswersAtOnce() throws IOException {
        Path jar = outside("engine-1.jar");
        ChangeResult installed = plugins.install(jar, "", Trigger.CLIENT);
        assertEquals(installed.error(), Outcome.APPLIED, installed.outcome());
        assertEquals(Action.INSTALL, installed.action());
        assertEquals("e1", say("engine", "x"));
        Path file = folders().hot().resolve("itest.engine.jar");
        assertTrue("written into hot/ once live", Files.exists(file));
        assertEquals(-1, Files.mismatch(file, jar));
        HistoryEntry recorded = plugins.history(200).stream().filter(e -> e.name().equals("itest.engine")).findFirst().orElseThrow();
        assertEquals(Trigger.CLIENT, recorded.trigger());

        ChangeResult wrongHash = plugins.install(jar, "0".repeat(64), Trigger.CLIENT);
        assertEquals(Outcome.REJECTED, wrongHash.outcome());
        assertTrue(wrongHash.error(), wrongHash.error().contains("its SHA-256 is "));

        long entries = plugins.history(1000).stream().filter(e -> e.name().equals("itest.engine")).count();
        ChangeResult again = plugins.install(jar, "", Trigger.CLIENT);
        assertEquals(Outcome.UNCHANGED, again.outcome());
        assertEquals("nothing changed, nothing recorded", entries,
                plugins.history(1000).stream().filter(e -> e.name().equals("itest.engine")).count());

        // the same version, another build: a broken one never reaches hot/
        Path broken = outside("engine-broken.jar");
        ChangeResult refused = plugins.install(broken, "", Trigger.CLIENT);
        assertEquals(refused.error(), Outcome.ROLLED_BACK, refused.outcome());
        assertEquals("the good build stays in hot/", -1, Files.mismatch(file, jar));
        assertEquals("e1", say("engine", "x"));

        ChangeResult removed = plugins.uninstall("itest.engine", Trigger.CLIENT);
        assertEquals(removed.error(), Outcome.APPLIED, removed.outcome());
        assertFalse(Files.exists(file));
        assertTrue(plugins.plugin("itest.engine").isEmpty());
    }

    @Test
    public void anApiRemovedAndInstalledAgainBringsItsDependentsBack() throws IOException {
        running("again");
        Path api = folders().hot().resolve("again-api-1.jar");
        Path kept = folders().jars().resolve("again-api-1.jar");

        ChangeResult removed = plugins.uninstall("itest.again.api", Trigger.SHELL);
        assertEquals(removed.error(), Outcome.APPLIED, removed.outcome());
        assertTrue(removed.dependents().toString(), removed.dependents().stream()
                .anyMatch(d -> d.plugin().equals("itest.again.client") && d.problem().startsWith("not resolved: missing osgi.wiring.package")));
        PluginInfo waiting = plugins.plugin("itest.again.client").orElseThrow();
        assertEquals(BundleState.INSTALLED, waiting.state());
        assertTrue(waiting.problems().toString(), waiting.degraded());
        assertFalse("nothing but the package is reported missing: " + waiting.problems(), waiting.problems().get(0).contains("osgi.service"));

        java.time.Instant before = java.time.Instant.now();
        moveIn(kept, api);
        HistoryEntry installed = await().until(() -> plugins.history(200).stream().filter(e -> e.name().equals("itest.again.api")
                && e.action() == Action.INSTALL && e.time().isAfter(before)).findFirst().orElse(null), java.util.Objects::nonNull);
        assertClientWorks("again", "Hello");
        assertTrue(installed.dependents().toString(), installed.dependents().stream().anyMatch(d -> d.plugin().equals("itest.again.client") && d.intact()));
    }

    @Test
    public void aNewPluginInstalledThroughTheEngineNeverWritesOverAnotherPluginsFile() throws IOException {
        // the file itest.named.jar holds another plugin
        moveIn(outside("squatter.jar"), folders().hot().resolve("itest.named.jar"));
        await().until(() -> plugins.plugin("itest.squatter").isPresent());

        ChangeResult installed = plugins.install(outside("named.jar"), "", Trigger.CLIENT);
        assertEquals(installed.error(), Outcome.APPLIED, installed.outcome());
        assertEquals("itest.named-2.jar", plugins.plugin("itest.named").orElseThrow().file());
        assertEquals("the other plugin keeps its file", "itest.named.jar", plugins.plugin("itest.squatter").orElseThrow().file());
        assertEquals(Bundle.ACTIVE, installedBundle("itest.squatter").getState());
    }

    @Test
    public void aChangeWhoseRecordsCannotBeSavedFailsAndIsUndone() throws IOException {
        Path jar = outside("unsaved-1.jar");
        Path records = folders().data().resolve("kiln").resolve("plugins.properties");
        Path aside = records.resolveSibling("plugins.properties.aside");
        Files.move(records, aside);
        Files.createDirectories(records.resolve("blocked")); // no rename can replace a non-empty folder, even as root
        try {
            ChangeResult result = plugins.install(jar, "", Trigger.SHELL);
            assertEquals(result.error(), Outcome.ROLLED_BACK, result.outcome());
            assertTrue(result.error(), result.error().contains("cannot save the plugin records"));
            assertTrue("not installed", plugins.plugin("itest.unsaved").isEmpty());
            assertFalse(Files.exists(folders().hot().resolve("itest.unsaved.jar")));
        } finally {
            Files.delete(records.resolve("blocked"));
            Files.delete(records);
            Files.move(aside, records);
        }
    }
}
