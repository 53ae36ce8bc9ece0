package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.itests.support.PluginJar;
import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Leftover;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.RetainedRevision;
import io.kiln.runtime.api.Trigger;

/**
 * What a plugin leaves behind as it stops (threads, JDBC drivers, shutdown hooks, timers) is reported with the change
 * and cleaned up where that is safe; a retired revision still in memory after its grace period is reported in the
 * status and the history; a plugin that cleans up after itself reports nothing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LeftoversIT extends KilnTestSupport {

    private static final String LEAKY = "kiln-sample-leaky-thread";
    private static final int GRACE_SECONDS = 2;
    /** Set to let the stubborn plugin's threads end, once the test has seen them kept. */
    private static final String RELEASE_STUBBORN = "kiln.itest.stubborn.release";

    @Inject
    private PluginService plugins;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(LeftoversIT.class);
        seedHot(folders, "kiln-sample-api.jar");
        Files.writeString(folders.conf().resolve("kiln.runtime.cfg"),
                "retired.grace.seconds = " + GRACE_SECONDS + "\nleftover.thread.wait.millis = 500\n");
        Path leaky = samplePlugin(LEAKY + ".jar");
        Files.copy(leaky, folders.jars().resolve("leaky-1.jar"));
        PluginJar.withVersion(leaky, "0.2.0", folders.jars().resolve("leaky-2.jar"));
        component("stubborn", "1.0.0", """
                Thread worker = new Thread(() -> {
                    while (!Boolean.getBoolean("%s")) {
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException ignored) {
                            // a thread that will not be stopped
                        }
                    }
                }, "stubborn-worker-" + getClass().getClassLoader().hashCode());
                worker.setDaemon(true);
                worker.start();""".formatted(RELEASE_STUBBORN), "").writeTo(folders.jars().resolve("stubborn-1.jar"));
        PluginJar.withVersion(folders.jars().resolve("stubborn-1.jar"), "2.0.0", folders.jars().resolve("stubborn-2.jar"));
        component("jdbc", "1.0.0", "try { java.sql.DriverManager.registerDriver(new TinyDriver()); } "
                + "catch (java.sql.SQLException e) { throw new IllegalStateException(e); }", "")
                .source("itest.jdbc.TinyDriver", """
                        package itest.jdbc;

                        import java.sql.*;
                        import java.util.Properties;
                        import java.util.logging.Logger;

                        public class TinyDriver implements Driver {
                            public Connection connect(String url, Properties info) { return null; }
                            public boolean acceptsURL(String url) { return url.startsWith("jdbc:tiny:"); }
                            public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) { return new DriverPropertyInfo[0]; }
                            public int getMajorVersion() { return 1; }
                            public int getMinorVersion() { return 0; }
                            public boolean jdbcCompliant() { return false; }
                            public Logger getParentLogger() throws SQLFeatureNotSupportedException { throw new SQLFeatureNotSupportedException(); }
                        }
                        """).writeTo(folders.jars().resolve("jdbc-1.jar"));
        component("hook", "1.0.0", "Runtime.getRuntime().addShutdownHook(new Thread(() -> { }, \"itest-hook\"));", "")
                .writeTo(folders.jars().resolve("hook-1.jar"));
        component("timer", "1.0.0", """
                new java.util.Timer("itest-timer", true).schedule(new java.util.TimerTask() {
                    @Override
                    public void run() {
                    }
                }, 60_000, 60_000);""", "").writeTo(folders.jars().resolve("timer-1.jar"));
        Path tidy = component("tidy", "1.0.0", """
                worker = new Thread(() -> {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException stop) {
                        // asked to stop: ends
                    }
                }, "tidy-worker");
                worker.start();""", """
                worker.interrupt();
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }""").writeTo(folders.jars().resolve("tidy-1.jar"));
        PluginJar.withVersion(tidy, "2.0.0", folders.jars().resolve("tidy-2.jar"));
        return kilnOptions(folders);
    }

    /** A plugin {@code itest.<name>} with one immediate component: {@code activate} in its {@code @Activate}, {@code deactivate} in its {@code @Deactivate}. */
    private static PluginJar component(String name, String version, String activate, String deactivate) {
        return PluginJar.named("itest." + name, version).source("itest." + name + ".Worker", """
                package itest.%s;

                import org.osgi.service.component.annotations.Activate;
                import org.osgi.service.component.annotations.Component;
                import org.osgi.service.component.annotations.Deactivate;

                @Component(immediate = true, service = {})
                public class Worker {
                    private Thread worker;

                    @Activate
                    void activate() {
                        %s
                    }

                    @Deactivate
                    void deactivate() {
                        %s
                    }
                }
                """.formatted(name, activate, deactivate));
    }

    private ChangeResult install(String jar) throws Exception {
        awaitStartupProcessed();
        ChangeResult result = plugins.install(folders().jars().resolve(jar), "", Trigger.SHELL);
        assertTrue(jar + ": " + result, result.succeeded());
        return result;
    }

    private static Leftover only(ChangeResult result, Leftover.Kind kind) {
        List<Leftover> found = result.leftovers().stream().filter(l -> l.kind() == kind).toList();
        assertEquals(result.plugin() + " " + result.action().label() + ": " + result.leftovers(), 1, found.size());
        return found.get(0);
    }

    private static boolean threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    public void theLeakyThreadIsReportedWithTheUpdateAndTheUninstallAndEndsWhenInterrupted() throws Exception {
        install("leaky-1.jar");
        await().until(() -> threadNamed("leaky-thread-worker"));

        ChangeResult update = install("leaky-2.jar");
        assertEquals(Action.UPDATE, update.action());
        Leftover thread = only(update, Leftover.Kind.THREAD);
        assertTrue(thread.description(), thread.description().contains("\"leaky-thread-worker\""));
        assertTrue(thread.description(), thread.description().contains("io.kiln.sample.leaky.internal.LeakyWorker"));
        assertEquals(Leftover.Handling.ENDED, thread.handling());
        // the history says so too, under the plugin's name
        HistoryEntry entry = plugins.history(20).stream().filter(e -> e.name().equals(LEAKY) && e.action() == Action.UPDATE)
                .findFirst().orElseThrow();
        assertEquals(update.leftovers(), entry.leftovers());

        // the new version's thread, left behind again as it is uninstalled
        await().until(() -> threadNamed("leaky-thread-worker"));
        ChangeResult uninstall = plugins.uninstall(LEAKY, Trigger.SHELL);
        assertEquals(Outcome.APPLIED, uninstall.outcome());
        assertEquals(Leftover.Handling.ENDED, only(uninstall, Leftover.Kind.THREAD).handling());
        assertFalse(threadNamed("leaky-thread-worker"));
    }

    @Test
    public void aThreadThatIgnoresInterruptsIsReportedStillRunningAndItsRevisionAsRetained() throws Exception {
        install("stubborn-1.jar");
        try {
            ChangeResult update = install("stubborn-2.jar");
            Leftover thread = only(update, Leftover.Kind.THREAD);
            assertTrue(thread.description(), thread.description().contains("stubborn-worker"));
            assertEquals(Leftover.Handling.STILL_RUNNING, thread.handling());

            // the thread holds version 1.0.0's class loader: past the grace period it is reported, with the thread
            RetainedRevision retained = Awaitility().until(() -> plugins.status().retained().stream()
                    .filter(r -> r.plugin().equals("itest.stubborn")).findFirst().orElse(null), java.util.Objects::nonNull);
            assertEquals("1.0.0", retained.version());
            assertTrue(retained.holders().toString(), retained.holders().stream().anyMatch(h -> h.contains("stubborn-worker")));
            HistoryEntry leak = plugins.history(50).stream().filter(e -> e.action() == Action.LEAK && e.name().equals("itest.stubborn"))
                    .findFirst().orElseThrow();
            assertEquals("1.0.0", leak.fromVersion());
            assertEquals(Outcome.FAILED, leak.outcome());
            assertEquals(Trigger.MEMORY, leak.trigger());
            assertTrue(leak.error(), leak.error().contains("stubborn-worker"));
            assertEquals("reported once", 1, plugins.history(50).stream()
                    .filter(e -> e.action() == Action.LEAK && e.name().equals("itest.stubborn")).count());
        } finally {
            System.setProperty(RELEASE_STUBBORN, "true");
        }
        // once the thread lets go, the revision is collected and no longer listed
        Awaitility().untilAsserted(() -> {
            System.gc();
            assertEquals(List.of(), plugins.status().retained().stream().filter(r -> r.plugin().equals("itest.stubborn")).toList());
        });
    }

    /** Past the grace period, and a collection or two. */
    private static org.awaitility.core.ConditionFactory Awaitility() {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(GRACE_SECONDS + 15)).pollInterval(Duration.ofMillis(200));
    }

    @Test
    public void aJdbcDriverIsDeregistered() throws Exception {
        install("jdbc-1.jar");
        assertTrue(driverRegistered("itest.jdbc.TinyDriver"));
        ChangeResult uninstall = plugins.uninstall("itest.jdbc", Trigger.SHELL);
        Leftover driver = only(uninstall, Leftover.Kind.JDBC_DRIVER);
        assertEquals("itest.jdbc.TinyDriver", driver.description());
        assertEquals(Leftover.Handling.REMOVED, driver.handling());
        assertFalse(driverRegistered("itest.jdbc.TinyDriver"));
    }

    @Test
    public void aShutdownHookIsRemoved() throws Exception {
        install("hook-1.jar");
        assertTrue(hookNamed("itest-hook"));
        ChangeResult uninstall = plugins.uninstall("itest.hook", Trigger.SHELL);
        Leftover hook = only(uninstall, Leftover.Kind.SHUTDOWN_HOOK);
        assertTrue(hook.description(), hook.description().contains("\"itest-hook\""));
        assertEquals(Leftover.Handling.REMOVED, hook.handling());
        assertFalse(hookNamed("itest-hook"));
    }

    @Test
    public void aTimerIsReportedAndCancelled() throws Exception {
        install("timer-1.jar");
        assertTrue(threadNamed("itest-timer"));
        ChangeResult uninstall = plugins.uninstall("itest.timer", Trigger.SHELL);
        Leftover timer = only(uninstall, Leftover.Kind.TIMER);
        assertTrue(timer.description(), timer.description().contains("\"itest-timer\""));
        assertEquals(Leftover.Handling.REMOVED, timer.handling());
        assertEquals("a cancelled timer is no thread: " + uninstall.leftovers(), 1, uninstall.leftovers().size());
        await().until(() -> !threadNamed("itest-timer"));
    }

    @Test
    public void aPluginThatStopsWhatItStartsReportsNothing() throws Exception {
        assertEquals(List.of(), install("tidy-1.jar").leftovers());
        ChangeResult update = install("tidy-2.jar");
        assertEquals(Action.UPDATE, update.action());
        assertEquals(List.of(), update.leftovers());
        assertEquals(List.of(), plugins.reload("itest.tidy", false, false, Trigger.SHELL).results().get(0).leftovers());
        assertEquals(List.of(), plugins.uninstall("itest.tidy", Trigger.SHELL).leftovers());
        assertTrue(plugins.history(50).stream().noneMatch(e -> e.name().equals("itest.tidy") && e.action() == Action.LEAK));
    }

    private static boolean driverRegistered(String className) throws Exception {
        Field field = java.sql.DriverManager.class.getDeclaredField("registeredDrivers");
        field.setAccessible(true);
        for (Object info : (List<?>) field.get(null)) {
            Field driver = info.getClass().getDeclaredField("driver");
            driver.setAccessible(true);
            if (driver.get(info).getClass().getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hookNamed(String name) throws Exception {
        Class<?> hooks = Class.forName("java.lang.ApplicationShutdownHooks");
        Field field = hooks.getDeclaredField("hooks");
        field.setAccessible(true);
        synchronized (hooks) {
            return ((Map<?, ?>) field.get(null)).keySet().stream().anyMatch(t -> ((Thread) t).getName().equals(name));
        }
    }
}
