package io.kiln.runtime.internal.memory;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

import org.junit.Test;

import io.kiln.runtime.api.Leftover;
import io.kiln.runtime.internal.memory.fixture.SloppyPlugin;

/** Runs with the JDK packages opened as {@code bin/kiln} opens them (the runtime's surefire configuration). */
public class LeftoverFinderTest {

    private static final JdkInternals JDK = new JdkInternals();

    /** A class loader of its own, as a plugin's, holding {@link SloppyPlugin}. */
    static URLClassLoader pluginLoader() {
        URL classes = SloppyPlugin.class.getProtectionDomain().getCodeSource().getLocation();
        return new URLClassLoader(new URL[] { classes }, ClassLoader.getPlatformClassLoader());
    }

    static void leave(ClassLoader loader, String name, boolean stubborn) throws Exception {
        loader.loadClass(SloppyPlugin.class.getName()).getMethod("leave", String.class, boolean.class).invoke(null, name, stubborn);
    }

    @Test
    public void everyJdkPartIsOpen() {
        assertEquals(List.of(), JDK.unavailable());
    }

    @Test
    public void findsAndCleansOneOfEverything() throws Exception {
        try (URLClassLoader loader = pluginLoader()) {
            leave(loader, "sloppy", false);
            List<Leftover> found = new LeftoverFinder(JDK).clean(PluginCode.retired("sloppy", "1.0.0", loader), 2000);

            assertEquals(found.toString(), List.of(Leftover.Kind.JDBC_DRIVER, Leftover.Kind.SHUTDOWN_HOOK, Leftover.Kind.TIMER,
                    Leftover.Kind.THREAD), found.stream().map(Leftover::kind).toList());
            assertEquals(List.of(Leftover.Handling.REMOVED, Leftover.Handling.REMOVED, Leftover.Handling.REMOVED,
                    Leftover.Handling.ENDED), found.stream().map(Leftover::handling).toList());
            assertTrue(found.get(3).description(), found.get(3).description().startsWith("\"sloppy-worker\""));
            assertEquals("cleaned: nothing holds it any more", List.of(),
                    new LeftoverFinder(JDK).holders(PluginCode.retired("sloppy", "1.0.0", loader)));
        }
    }

    @Test
    public void aThreadThatIgnoresInterruptsIsStillRunning() throws Exception {
        try (URLClassLoader loader = pluginLoader()) {
            leave(loader, "stubborn", true);
            try {
                List<Leftover> threads = new LeftoverFinder(JDK).clean(PluginCode.retired("stubborn", "1.0.0", loader), 100).stream()
                        .filter(l -> l.kind() == Leftover.Kind.THREAD).toList();
                assertEquals(1, threads.size());
                assertEquals(Leftover.Handling.STILL_RUNNING, threads.get(0).handling());
                List<String> holders = new LeftoverFinder(JDK).holders(PluginCode.retired("stubborn", "1.0.0", loader));
                assertEquals(1, holders.size());
                assertTrue(holders.get(0), holders.get(0).startsWith("thread \"stubborn-worker\""));
            } finally {
                loader.loadClass(SloppyPlugin.class.getName()).getMethod("release").invoke(null);
            }
        }
    }

    @Test
    public void anotherLoadersCodeIsNotThePlugins() throws Exception {
        try (URLClassLoader sloppy = pluginLoader(); URLClassLoader other = pluginLoader()) {
            leave(sloppy, "neighbour", false);
            assertEquals(List.of(), new LeftoverFinder(JDK).clean(PluginCode.retired("other", "1.0.0", other), 100));
            new LeftoverFinder(JDK).clean(PluginCode.retired("neighbour", "1.0.0", sloppy), 2000);
        }
    }
}
