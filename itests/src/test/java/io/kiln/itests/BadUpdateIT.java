package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.awaitility.Awaitility;
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
import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.RejectedFile;

/**
 * Every kind of bad jar dropped over a running plugin: the change is refused or rolled back, the reason names the
 * file and the cause, and the previous version serves as before. Each test has a plugin of its own.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BadUpdateIT extends KilnTestSupport {

    @Inject
    private PluginService plugins;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(BadUpdateIT.class);
        seedHot(folders, "kiln-sample-api.jar");
        // a short lifecycle timeout, so that the hanging activator is given up on quickly
        Files.writeString(folders.conf().resolve("kiln.runtime.cfg"), "lifecycle.timeout.millis = 1000\n");
        for (String name : List.of("corrupt", "nomanifest", "unresolvable", "throwing", "dsthrows", "hangs", "clash",
                "inplace", "burst")) {
            good(folders, name, "1.0.0", "v1");
        }
        good(folders, "corrupt", "2.0.0", "v2");
        good(folders, "clash", "2.0.0", "v2");
        good(folders, "inplace", "2.0.0", "v2");
        for (int v = 2; v <= 6; v++) {
            good(folders, "burst", v + ".0.0", "v" + v);
        }
        phrase("unresolvable", "2.0.0", "return \"v2\";")
                .header("Import-Package", "com.nowhere.missing;version=\"[1,2)\",*")
                .writeTo(folders.jars().resolve("unresolvable-2.jar"));
        phrase("throwing", "2.0.0", "return \"v2\";")
                .source("io.kiln.itests.plugin.throwing.Activator", activator("throw new IllegalStateException(\"database unreachable\");"))
                .header("Bundle-Activator", "io.kiln.itests.plugin.throwing.Activator")
                .writeTo(folders.jars().resolve("throwing-2.jar"));
        phrase("hangs", "2.0.0", "return \"v2\";")
                .source("io.kiln.itests.plugin.throwing.Activator", activator("new java.util.concurrent.CountDownLatch(1).await(); // never counted down: hangs until interrupted"))
                .header("Bundle-Activator", "io.kiln.itests.plugin.throwing.Activator")
                .writeTo(folders.jars().resolve("hangs-2.jar"));
        PluginJar.named("itest.dsthrows", "2.0.0").source("io.kiln.itests.plugin.dsthrows.FailingPhrase", """
                package io.kiln.itests.plugin.dsthrows;

                import org.osgi.service.component.annotations.Activate;
                import org.osgi.service.component.annotations.Component;

                import io.kiln.sample.phrase.Phrase;

                @Component(immediate = true, property = Phrase.KIND + "=dsthrows")
                public class FailingPhrase implements Phrase {
                    @Activate
                    public FailingPhrase() {
                        throw new IllegalStateException("model file missing");
                    }

                    @Override
                    public String say(String name) {
                        return "v2";
                    }
                }
                """).writeTo(folders.jars().resolve("dsthrows-2.jar"));
        return kilnOptions(folders);
    }

    private static void good(KilnFolders folders, String name, String version, String says) throws IOException {
        phrase(name, version, "return \"" + says + "\";").writeTo(folders.jars().resolve(name + "-" + version.charAt(0) + ".jar"));
    }

    private static PluginJar phrase(String name, String version, String body) {
        return PluginJar.phrase("itest." + name, version, name, body);
    }

    private static String activator(String startBody) {
        return """
                package io.kiln.itests.plugin.throwing;

                import org.osgi.framework.BundleActivator;
                import org.osgi.framework.BundleContext;

                public class Activator implements BundleActivator {
                    @Override
                    public void start(BundleContext context) throws Exception {
                        %s
                    }

                    @Override
                    public void stop(BundleContext context) {
                    }
                }
                """.formatted(startBody);
    }

    private void assertV1Serves(String name, Bundle v1) {
        assertEquals("the previous version serves", "v1", say(name, "x"));
        Bundle now = installedBundle("itest." + name);
        assertEquals("the same plugin", v1.getBundleId(), now.getBundleId());
        assertEquals(new Version(1, 0, 0), now.getVersion());
        assertEquals(Bundle.ACTIVE, now.getState());
    }

    private RejectedFile awaitRejected(String fileName) {
        return await().until(() -> plugins.status().rejected().stream().filter(r -> r.file().equals(fileName)).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    private HistoryEntry awaitHistory(String plugin, Outcome outcome) {
        return await().until(() -> plugins.history(100).stream()
                .filter(e -> e.name().equals(plugin) && e.outcome() == outcome).findFirst().orElse(null), java.util.Objects::nonNull);
    }

    @Test
    public void aTruncatedJarOverALivePluginIsRefused() throws IOException {
        Bundle v1 = runningV1("corrupt");
        byte[] v2 = Files.readAllBytes(folders().jars().resolve("corrupt-2.jar"));
        Path truncated = Files.write(folders().staging().resolve("corrupt-truncated.jar"), Arrays.copyOf(v2, v2.length / 2));
        moveIn(truncated, hot("corrupt"));

        RejectedFile rejected = awaitRejected("corrupt.jar");
        assertTrue(rejected.reason(), rejected.reason().startsWith("corrupt.jar: not a readable jar (corrupt or truncated)"));
        assertEquals("itest.corrupt", rejected.plugin());
        assertV1Serves("corrupt", v1);

        // the build that runs put back: nothing changes, and the refusal of what the file held in between is gone
        moveIn(folders().jars().resolve("corrupt-1.jar"), hot("corrupt"));
        await().until(() -> plugins.status().rejected().stream().noneMatch(r -> r.file().equals("corrupt.jar")));
        assertV1Serves("corrupt", v1);
        moveIn(truncated, hot("corrupt"));
        awaitRejected("corrupt.jar");

        // the same file, once whole, goes through
        moveIn(folders().jars().resolve("corrupt-2.jar"), hot("corrupt"));
        await().untilAsserted(() -> assertEquals("v2", say("corrupt", "x")));
        assertTrue("no longer rejected", plugins.status().rejected().stream().noneMatch(r -> r.file().equals("corrupt.jar")));
    }

    @Test
    public void aJarWithoutManifestIsRefused() throws IOException {
        Bundle v1 = runningV1("nomanifest");
        Path plain = PluginJar.zip(folders().staging().resolve("plain.jar"), Map.of("readme.txt", "not a bundle".getBytes()));
        moveIn(plain, hot("nomanifest"));

        RejectedFile rejected = awaitRejected("nomanifest.jar");
        assertEquals("nomanifest.jar: not an OSGi bundle: the jar has no META-INF/MANIFEST.MF", rejected.reason());
        assertV1Serves("nomanifest", v1);
    }

    @Test
    public void aJarWithUnresolvableImportsIsRefusedBeforeTheRunningPluginIsTouched() throws IOException {
        Bundle v1 = runningV1("unresolvable");
        moveIn(folders().jars().resolve("unresolvable-2.jar"), hot("unresolvable"));

        RejectedFile rejected = awaitRejected("unresolvable.jar");
        assertTrue(rejected.reason(), rejected.reason().startsWith("unresolvable.jar: cannot be resolved against what is installed")
                && rejected.reason().contains("com.nowhere.missing"));
        assertV1Serves("unresolvable", v1);
        assertFalse("the running version was never stopped", plugins.history(100).stream()
                .anyMatch(e -> e.name().equals("itest.unresolvable") && e.outcome() == Outcome.ROLLED_BACK));
    }

    @Test
    public void anActivatorThatThrowsIsRolledBack() throws IOException {
        Bundle v1 = runningV1("throwing");
        moveIn(folders().jars().resolve("throwing-2.jar"), hot("throwing"));

        HistoryEntry entry = awaitHistory("itest.throwing", Outcome.ROLLED_BACK);
        assertTrue(entry.error(), entry.error().startsWith("throwing.jar: ") && entry.error().contains("database unreachable"));
        assertEquals("1.0.0", entry.fromVersion());
        assertEquals("2.0.0", entry.toVersion());
        assertV1Serves("throwing", v1);
        assertTrue(plugins.status().rejected().stream().anyMatch(r -> r.file().equals("throwing.jar")));
    }

    @Test
    public void aComponentWhoseActivateThrowsIsRolledBack() throws IOException {
        Bundle v1 = runningV1("dsthrows");
        moveIn(folders().jars().resolve("dsthrows-2.jar"), hot("dsthrows"));

        HistoryEntry entry = awaitHistory("itest.dsthrows", Outcome.ROLLED_BACK);
        assertTrue(entry.error(), entry.error().contains("component io.kiln.itests.plugin.dsthrows.FailingPhrase failed to activate: "
                + "java.lang.IllegalStateException: model file missing"));
        assertV1Serves("dsthrows", v1);
    }

    @Test
    public void anActivatorThatHangsIsGivenUpOnWithItsStackAndRolledBack() throws IOException {
        Bundle v1 = runningV1("hangs");
        moveIn(folders().jars().resolve("hangs-2.jar"), hot("hangs"));

        HistoryEntry entry = awaitHistory("itest.hangs", Outcome.ROLLED_BACK);
        assertTrue(entry.error(), entry.error().contains("start of itest.hangs did not return within 1000 ms")
                && entry.error().contains("io.kiln.itests.plugin.throwing.Activator.start"));
        assertV1Serves("hangs", v1);
        assertTrue("nothing left stuck: " + plugins.status().stuck(), plugins.status().stuck().isEmpty());
    }

    @Test
    public void aSecondFileWithTheSameSymbolicNameIsRefused() throws IOException {
        Bundle v1 = runningV1("clash");
        moveIn(folders().jars().resolve("clash-2.jar"), folders().hot().resolve("clash-copy.jar"));

        RejectedFile rejected = awaitRejected("clash-copy.jar");
        assertEquals("clash-copy.jar: plugin itest.clash is already provided by clash.jar (same Bundle-SymbolicName); "
                + "remove one of them", rejected.reason());
        assertV1Serves("clash", v1);
    }

    @Test
    public void aJarOverwrittenInPlaceKeepsTheOldVersionServingUntilItIsWhole() throws IOException {
        Bundle v1 = runningV1("inplace");
        byte[] v2 = Files.readAllBytes(folders().jars().resolve("inplace-2.jar"));
        int chunk = v2.length / 4 + 1;
        try (OutputStream out = Files.newOutputStream(hot("inplace"))) {
            for (int from = 0; from < v2.length; from += chunk) {
                out.write(v2, from, Math.min(chunk, v2.length - from));
                out.flush();
                if (from + chunk < v2.length) {
                    // a slow writer: long enough for the watcher to see a stable, incomplete file
                    Awaitility.await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                            .until(() -> "v1".equals(say("inplace", "x")));
                    assertSame("never uninstalled", v1, installedBundle("itest.inplace"));
                }
            }
        }
        await().untilAsserted(() -> assertEquals("v2", say("inplace", "x")));
        assertEquals("updated in place, not reinstalled", v1.getBundleId(), installedBundle("itest.inplace").getBundleId());
    }

    @Test
    public void aBurstOfSavesAppliesTheLastAndNothingHalfWay() throws IOException {
        runningV1("burst");
        for (int v = 2; v <= 6; v++) {
            moveIn(folders().jars().resolve("burst-" + v + ".jar"), hot("burst"));
        }
        await().untilAsserted(() -> assertEquals("v6", say("burst", "x")));
        // the service says v6 a moment before the transaction records its end
        List<HistoryEntry> updates = await().until(() -> plugins.history(100).stream()
                .filter(e -> e.name().equals("itest.burst") && e.action() == Action.UPDATE).toList(),
                list -> !list.isEmpty() && list.get(0).toVersion().equals("6.0.0"));
        assertTrue("every update applied whole: " + updates, updates.stream().allMatch(e -> e.outcome() == Outcome.APPLIED));
        assertTrue("saves were coalesced: " + updates, updates.size() < 5);
        assertEquals("6.0.0", updates.get(0).toVersion());
    }
}
