package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Objects;

import javax.inject.Inject;

import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.itests.support.PluginJar;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.PluginService;

/**
 * A plugin's health checks, Felix {@code HealthCheck}s or Kiln {@code PluginHealthCheck}s, decide whether its update
 * stays: they run through the Felix executor with the verification timeout, so a check that hangs fails its own
 * plugin in time and holds up no other. Each test has a plugin of its own, running version 1 (no checks) first.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HealthChecksIT extends KilnTestSupport {

    private static final long VERIFY_TIMEOUT_MILLIS = 1500;

    @Inject
    private PluginService plugins;

    @Inject
    private HealthCheckExecutor executor;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(HealthChecksIT.class);
        seedHot(folders, "kiln-sample-api.jar");
        Files.writeString(folders.conf().resolve("kiln.runtime.cfg"), "verify.timeout.millis = " + VERIFY_TIMEOUT_MILLIS + "\n");
        for (String name : List.of("hangs", "thrower", "critical", "passes", "kilncheck", "kilnhangs")) {
            phrase(name, "1.0.0", "v1").writeTo(folders.jars().resolve(name + "-1.jar"));
        }
        phrase("bystander", "1.0.0", "v1").writeTo(folders.jars().resolve("bystander-1.jar"));
        felixCheck("hangs", """
                try {
                    new java.util.concurrent.CountDownLatch(1).await(); // never counted down: hangs until interrupted
                    return new Result(Result.Status.OK, "woke up");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Result(Result.Status.CRITICAL, "interrupted");
                }""")
                .writeTo(folders.jars().resolve("hangs-2.jar"));
        felixCheck("thrower", "throw new IllegalStateException(\"index corrupt\");").writeTo(folders.jars().resolve("thrower-2.jar"));
        felixCheck("critical", "return new Result(Result.Status.CRITICAL, \"queue full\");").writeTo(folders.jars().resolve("critical-2.jar"));
        felixCheck("passes", "return new Result(Result.Status.OK, \"all good\");").writeTo(folders.jars().resolve("passes-2.jar"));
        kilnCheck("2.0.0", "return HealthStatus.failed(\"model not loaded\");").writeTo(folders.jars().resolve("kilncheck-2.jar"));
        kilnCheck("3.0.0", "return HealthStatus.ok();").writeTo(folders.jars().resolve("kilncheck-3.jar"));
        kilnCheck("kilnhangs", "2.0.0", """
                try {
                    new java.util.concurrent.CountDownLatch(1).await(); // never counted down: hangs until interrupted
                    return HealthStatus.ok();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return HealthStatus.failed("interrupted");
                }""").writeTo(folders.jars().resolve("kilnhangs-2.jar"));
        return kilnOptions(folders);
    }

    private static PluginJar phrase(String name, String version, String says) {
        return PluginJar.phrase("itest." + name, version, name, "return \"" + says + "\";");
    }

    /** Version 2 of a plugin: says v2, and registers a Felix health check named after it. */
    private static PluginJar felixCheck(String name, String executeBody) {
        return phrase(name, "2.0.0", "v2").source("io.kiln.itests.plugin.hc." + name + ".Check", """
                package io.kiln.itests.plugin.hc.%1$s;

                import org.apache.felix.hc.api.HealthCheck;
                import org.apache.felix.hc.api.Result;
                import org.osgi.service.component.annotations.Component;

                @Component(property = { HealthCheck.NAME + "=%1$s", HealthCheck.TAGS + "=itest" })
                public class Check implements HealthCheck {
                    @Override
                    public Result execute() {
                        %2$s
                    }
                }
                """.formatted(name, executeBody));
    }

    /** A version of plugin kilncheck with a Kiln {@code PluginHealthCheck}. */
    private static PluginJar kilnCheck(String version, String checkBody) {
        return kilnCheck("kilncheck", version, checkBody);
    }

    private static PluginJar kilnCheck(String name, String version, String checkBody) {
        return phrase(name, version, "v" + version.charAt(0)).source("io.kiln.itests.plugin.hc." + name + ".ModelCheck", """
                package io.kiln.itests.plugin.hc.%s;

                import org.osgi.service.component.annotations.Component;

                import io.kiln.api.health.HealthStatus;
                import io.kiln.api.health.PluginHealthCheck;

                @Component
                public class ModelCheck implements PluginHealthCheck {
                    @Override
                    public HealthStatus check() {
                        %s
                    }
                }
                """.formatted(name, checkBody));
    }

    private HistoryEntry awaitUpdate(String plugin, String toVersion) {
        return await().until(() -> plugins.history(100).stream()
                .filter(e -> e.name().equals(plugin) && e.action() == io.kiln.runtime.api.Action.UPDATE && e.toVersion().equals(toVersion))
                .findFirst().orElse(null), Objects::nonNull);
    }

    private void assertRolledBack(String name, Bundle v1, HistoryEntry entry) {
        assertEquals(entry.error(), Outcome.ROLLED_BACK, entry.outcome());
        assertEquals("the previous version serves", "v1", say(name, "x"));
        Bundle now = installedBundle("itest." + name);
        assertEquals(v1.getBundleId(), now.getBundleId());
        assertEquals(new Version(1, 0, 0), now.getVersion());
        assertEquals(Bundle.ACTIVE, now.getState());
    }

    @Test
    public void aHangingCheckFailsItsOwnUpdateInTimeWhileAnotherPluginDeploys() throws IOException {
        Bundle v1 = runningV1("hangs");
        moveIn(folders().jars().resolve("hangs-2.jar"), hot("hangs"));
        // dropped while the hanging check runs: it waits at most for the bound, then deploys
        moveIn(folders().jars().resolve("bystander-1.jar"), hot("bystander"));

        HistoryEntry entry = awaitUpdate("itest.hangs", "2.0.0");
        assertTrue(entry.error(), entry.error().contains(
                "health check 'hangs' of plugin itest.hangs did not answer within " + VERIFY_TIMEOUT_MILLIS + " ms"));
        assertTrue("bounded: " + entry.durationMillis() + " ms", entry.durationMillis() < VERIFY_TIMEOUT_MILLIS + 2000);
        assertRolledBack("hangs", v1, entry);
        await().untilAsserted(() -> assertEquals("v1", say("bystander", "x")));
        assertTrue("nothing left stuck: " + plugins.status().stuck(), plugins.status().stuck().isEmpty());
    }

    @Test
    public void aHangingPluginHealthCheckNoLongerBlocksTheEngine() throws IOException {
        Bundle v1 = runningV1("kilnhangs");
        moveIn(folders().jars().resolve("kilnhangs-2.jar"), hot("kilnhangs"));

        HistoryEntry entry = awaitUpdate("itest.kilnhangs", "2.0.0");
        assertTrue(entry.error(), entry.error().contains("health check 'io.kiln.itests.plugin.hc.kilnhangs.ModelCheck' of plugin "
                + "itest.kilnhangs did not answer within " + VERIFY_TIMEOUT_MILLIS + " ms"));
        assertRolledBack("kilnhangs", v1, entry);
    }

    @Test
    public void aCheckThatThrowsFailsTheUpdateWithTheCause() throws IOException {
        Bundle v1 = runningV1("thrower");
        moveIn(folders().jars().resolve("thrower-2.jar"), hot("thrower"));

        HistoryEntry entry = awaitUpdate("itest.thrower", "2.0.0");
        assertTrue(entry.error(), entry.error().contains(
                "health check 'thrower' of plugin itest.thrower threw IllegalStateException: index corrupt"));
        assertRolledBack("thrower", v1, entry);
    }

    @Test
    public void aCriticalFelixCheckFailsTheUpdate() throws IOException {
        Bundle v1 = runningV1("critical");
        moveIn(folders().jars().resolve("critical-2.jar"), hot("critical"));

        HistoryEntry entry = awaitUpdate("itest.critical", "2.0.0");
        assertTrue(entry.error(), entry.error().contains("health check 'critical' of plugin itest.critical reported CRITICAL: queue full"));
        assertRolledBack("critical", v1, entry);
    }

    @Test
    public void aPassingFelixCheckLetsTheUpdateThrough() throws IOException {
        runningV1("passes");
        moveIn(folders().jars().resolve("passes-2.jar"), hot("passes"));

        HistoryEntry entry = awaitUpdate("itest.passes", "2.0.0");
        assertEquals(entry.error(), Outcome.APPLIED, entry.outcome());
        assertEquals("v2", say("passes", "x"));
    }

    @Test
    public void aPluginHealthCheckRunsThroughTheFelixExecutorToo() throws IOException {
        Bundle v1 = runningV1("kilncheck");
        moveIn(folders().jars().resolve("kilncheck-2.jar"), hot("kilncheck"));

        HistoryEntry failed = awaitUpdate("itest.kilncheck", "2.0.0");
        assertTrue(failed.error(), failed.error().contains(
                "health check 'io.kiln.itests.plugin.hc.kilncheck.ModelCheck' of plugin itest.kilncheck reported CRITICAL: model not loaded"));
        assertRolledBack("kilncheck", v1, failed);

        moveIn(folders().jars().resolve("kilncheck-3.jar"), hot("kilncheck"));
        HistoryEntry applied = awaitUpdate("itest.kilncheck", "3.0.0");
        assertEquals(applied.error(), Outcome.APPLIED, applied.outcome());
        // and it is a Felix check like any other, for /health and the Felix tools
        List<HealthCheckExecutionResult> results = executor.execute(HealthCheckSelector.names("io.kiln.itests.plugin.hc.kilncheck.ModelCheck"));
        assertEquals(1, results.size());
        assertTrue(results.get(0).getHealthCheckResult().isOk());
        assertTrue(results.get(0).getHealthCheckMetadata().getTags().contains("kiln.plugin"));
    }
}
