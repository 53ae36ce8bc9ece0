package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

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

import io.kiln.itests.support.GreeterPlugins;
import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.itests.support.PluginJar;
import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.PluginService;
import io.kiln.sample.chain.ChainLink;
import io.kiln.sample.chain.ChainObserver;
import io.kiln.sample.phrase.Phrase;

/**
 * The calling contract: eight threads call the chain's top link (charlie, which calls beta, which calls alpha) without
 * pause while alpha's jar is replaced again and again, and once by a version that fails and is rolled back. No call
 * fails, no thread sees an older alpha once a newer one served it, and beta and charlie are never restarted.
 * {@code kiln.itest.reloads} sets how many replacements (the benchmark runs 100). The same holds while the section
 * of a service changes and SCR takes its service away and back, as it does for a component without {@code @Modified}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ZeroFailedCallsIT extends KilnTestSupport {

    private static final String ALPHA = "kiln-sample-chain-alpha.jar";
    private static final String BETA = "kiln-sample-chain-beta.jar";
    private static final String CHARLIE = "kiln-sample-chain-charlie.jar";
    private static final int RELOADS = Integer.getInteger("kiln.itest.reloads", 20);
    private static final int CALLERS = 8;

    private static final int SECTION_CHANGES = 10;

    @Inject
    private PluginService plugins;

    @Inject
    private ConfigService config;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(ZeroFailedCallsIT.class);
        seedHot(folders, "kiln-sample-api.jar");
        stageSamplePlugins(folders, ALPHA, BETA, CHARLIE);
        for (int k = 1; k <= RELOADS; k++) {
            PluginJar.withVersion(samplePlugin(ALPHA), version(k), folders.jars().resolve("alpha-" + k + ".jar"));
        }
        // the same component, but its activation fails: the update is rolled back
        PluginJar.named("kiln-sample-chain-alpha", "9.0.0").source("io.kiln.sample.chain.alpha.AlphaLink", """
                package io.kiln.sample.chain.alpha;

                import org.osgi.service.component.annotations.Activate;
                import org.osgi.service.component.annotations.Component;

                import io.kiln.sample.chain.ChainLink;

                @Component(immediate = true, property = ChainLink.LINK + "=alpha")
                public final class AlphaLink implements ChainLink {
                    @Activate
                    public AlphaLink() {
                        throw new IllegalStateException("alpha 9.0.0 cannot start");
                    }

                    @Override
                    public String describe() {
                        return "alpha 9.0.0";
                    }
                }
                """).writeTo(folders.jars().resolve("alpha-broken.jar"));
        Path calmApi = GreeterPlugins.api("calm", "1.0.0").writeTo(folders.jars().resolve("calm-api-1.jar"));
        GreeterPlugins.configured("calm", "OPTIONAL").against(calmApi).writeTo(folders.jars().resolve("calm-service-1.jar"));
        GreeterPlugins.client("calm").against(calmApi).writeTo(folders.jars().resolve("calm-client.jar"));
        Files.writeString(folders.conf().resolve("itest.calm.cfg"), "word = Hello\n");
        return kilnOptions(folders);
    }

    private static String version(int k) {
        return "0.2." + k;
    }

    @Test
    public void callsThroughTheChainNeverFailWhileAlphaIsReplacedAndRolledBack() throws Exception {
        // as many as the configuration built, in the driver's JVM
        int reloads;
        try (java.util.stream.Stream<java.nio.file.Path> jars = java.nio.file.Files.list(folders().jars())) {
            reloads = (int) jars.filter(j -> j.getFileName().toString().matches("alpha-\\d+\\.jar")).count();
        }
        deploy(ALPHA, BETA, CHARLIE);
        ServiceReference<ChainLink> top = await().until(() -> context.getServiceReferences(ChainLink.class, "(link=charlie)")
                .stream().findFirst().orElse(null), java.util.Objects::nonNull);
        ChainLink charlie = context.getService(top);
        List<String> lifecycle = new CopyOnWriteArrayList<>();
        ServiceRegistration<ChainObserver> observer = context.registerService(ChainObserver.class,
                (link, event, version) -> lifecycle.add(link + " " + event + " " + version), null);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong calls = new AtomicLong();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Queue<String> backwards = new ConcurrentLinkedQueue<>();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < CALLERS; t++) {
            Thread caller = new Thread(() -> {
                int newest = 0;
                while (running.get()) {
                    try {
                        String chain = charlie.describe();
                        int seen = alphaRelease(chain);
                        if (seen < newest) {
                            backwards.add(chain + " after alpha 0.2." + newest);
                        }
                        newest = Math.max(newest, seen);
                        calls.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }, "caller-" + t);
            callers.add(caller);
            caller.start();
        }
        try {
            for (int k = 1; k <= reloads; k++) {
                long before = calls.get();
                moveIn(folders().jars().resolve("alpha-" + k + ".jar"), folders().hot().resolve(ALPHA));
                String expected = version(k);
                HistoryEntry update = await().until(() -> lastUpdate().filter(e -> e.toVersion().equals(expected)).orElse(null),
                        java.util.Objects::nonNull);
                assertEquals(update.error(), Outcome.APPLIED, update.outcome());
                // calls go on between reloads, not only in them
                await().until(() -> calls.get() > before + CALLERS);
            }
            moveIn(folders().jars().resolve("alpha-broken.jar"), folders().hot().resolve(ALPHA));
            HistoryEntry rolledBack = await().until(() -> lastUpdate().filter(e -> e.toVersion().equals("9.0.0")).orElse(null),
                    java.util.Objects::nonNull);
            assertEquals(rolledBack.error(), Outcome.ROLLED_BACK, rolledBack.outcome());
            long afterRollback = calls.get();
            await().until(() -> calls.get() > afterRollback + CALLERS);
        } finally {
            running.set(false);
            for (Thread caller : callers) {
                caller.join();
            }
            observer.unregister();
            context.ungetService(top);
        }

        assertTrue("failed calls: " + failures.stream().limit(3).map(Throwable::toString).toList(), failures.isEmpty());
        assertTrue("a caller saw an older alpha after a newer one: " + backwards, backwards.isEmpty());
        assertTrue("calls made: " + calls.get(), calls.get() > (long) reloads * CALLERS);
        assertFalse("beta and charlie kept running: " + lifecycle,
                lifecycle.stream().anyMatch(e -> e.startsWith("beta") || e.startsWith("charlie")));
        // the broken version never activates, so it never reports
        assertEquals("alpha stopped and started once per reload, and for the rollback", 2 * reloads + 2,
                lifecycle.stream().filter(e -> e.startsWith("alpha")).count());
        List<HistoryEntry> updates = plugins.history(1000).stream()
                .filter(e -> e.name().equals("kiln-sample-chain-alpha") && e.action() == Action.UPDATE).toList();
        assertEquals(reloads + 1, updates.size());
        for (HistoryEntry update : updates) {
            assertEquals(update.toString(), List.of("kiln-sample-chain-beta", "kiln-sample-chain-charlie"),
                    update.dependents().stream().map(d -> d.plugin()).toList());
            assertTrue("no dependent restarted: " + update.dependents(), update.dependents().stream().noneMatch(d -> d.restarted()));
            assertTrue(update.dependents().get(0).why(), update.dependents().get(0).why().contains("through a handle"));
        }
        assertEquals("charlie " + installedBundle("kiln-sample-chain-charlie").getVersion() + " -> beta "
                + installedBundle("kiln-sample-chain-beta").getVersion() + " -> alpha " + version(reloads), charlie(top));
    }

    @Test
    public void callsNeverFailWhileTheSectionOfAServiceWithoutModifiedChangesGoesAndComesBack() throws Exception {
        deploy("calm-api-1.jar", "calm-service-1.jar", "calm-client.jar");
        await().untilAsserted(() -> assertEquals("Hello, x", say("calm-client", "x")));
        ServiceReference<Phrase> client = phrase("calm-client");
        Phrase phrase = context.getService(client);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<String> said = new AtomicReference<>("");
        AtomicLong calls = new AtomicLong();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < CALLERS; t++) {
            Thread caller = new Thread(() -> {
                while (running.get()) {
                    try {
                        said.set(phrase.say("x"));
                        calls.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }, "section-caller-" + t);
            callers.add(caller);
            caller.start();
        }
        Path file = folders().conf().resolve("itest.calm.cfg");
        try {
            for (int k = 1; k <= SECTION_CHANGES; k++) {
                String word = "W" + k;
                writeIn(file, "word = " + word + "\n");
                await().until(() -> config.section("itest.calm").orElseThrow(),
                        s -> s.state() == Outcome.APPLIED && word.equals(s.properties().get("word")));
                // a failed call ends the changes: the client may have lost its greeter for good
                await().until(() -> said.get().equals(word + ", x") || !failures.isEmpty());
                if (!failures.isEmpty()) {
                    break;
                }
            }
            // gone, the component runs on its defaults; back, on the section: the service loses and gains its PID
            Files.delete(file);
            await().until(() -> said.get().equals("Hello, x") || !failures.isEmpty());
            writeIn(file, "word = Back\n");
            await().until(() -> said.get().equals("Back, x") || !failures.isEmpty());
        } finally {
            running.set(false);
            for (Thread caller : callers) {
                caller.join();
            }
            context.ungetService(client);
        }

        assertTrue("failed calls: " + failures.stream().limit(3).map(Throwable::toString).toList(), failures.isEmpty());
        assertTrue("calls made: " + calls.get(), calls.get() > SECTION_CHANGES * CALLERS);
        assertEquals("the client kept running, bound to the same handle", serviceId(client), serviceId(phrase("calm-client")));
    }

    private String charlie(ServiceReference<ChainLink> top) {
        try {
            return context.getService(top).describe();
        } finally {
            context.ungetService(top);
        }
    }

    /** The k of alpha 0.2.k in a chain's description; 0 for the first version. */
    private static int alphaRelease(String chain) {
        String alpha = chain.substring(chain.lastIndexOf("alpha ") + "alpha ".length());
        return alpha.startsWith("0.2.") ? Integer.parseInt(alpha.substring("0.2.".length())) : 0;
    }

    private java.util.Optional<HistoryEntry> lastUpdate() {
        return plugins.history(5).stream()
                .filter(e -> e.name().equals("kiln-sample-chain-alpha") && e.action() == Action.UPDATE).findFirst();
    }
}
