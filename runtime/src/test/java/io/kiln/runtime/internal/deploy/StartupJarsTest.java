package io.kiln.runtime.internal.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class StartupJarsTest {

    /** Never reached when a test passes: a jar awaited by mistake makes {@code awaitNew} name it after this. */
    private static final long LONG_WAIT = 10_000;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private Path hot(String... names) throws Exception {
        Path hot = folder.newFolder("hot").toPath();
        for (String name : names) {
            Files.writeString(hot.resolve(name), "");
        }
        return hot;
    }

    private static CompletableFuture<Void> awaitingInBackground(StartupJars jars, Path hot, Set<String> known) {
        return CompletableFuture.runAsync(() -> {
            try {
                assertEquals(Set.of(), jars.awaitNew(hot, Optional.empty(), known::contains));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    public void theStartWaitsUntilEveryNewJarHasArrived() throws Exception {
        Path hot = hot("a.jar", "b.jar", "c.jar");
        StartupJars jars = new StartupJars(LONG_WAIT);
        CompletableFuture<Void> start = awaitingInBackground(jars, hot, Set.of());
        jars.arrived(hot.resolve("a.jar"));
        jars.arrived(hot.resolve("c.jar"));
        assertFalse("b.jar has not arrived yet", isDoneWithin(start, 200));
        jars.arrived(hot.resolve("b.jar"));
        start.get(10, TimeUnit.SECONDS);
    }

    @Test
    public void aPluginsOwnFileSetAsideFilesAndOtherFilesAreNotAwaited() throws Exception {
        Path hot = hot("known.jar", ".hidden.jar", "_off.jar", "notes.txt", "new.jar");
        Files.createDirectory(hot.resolve("sources.jar"));
        StartupJars jars = new StartupJars(LONG_WAIT);
        jars.arrived(hot.resolve("new.jar")); // before the start waits: FileInstall may come first
        assertEquals(Set.of(), jars.awaitNew(hot, Optional.empty(), Set.of("known.jar")::contains));
    }

    @Test
    public void aJarFileInstallsFilterLeavesOutIsNotAwaited() throws Exception {
        Path hot = hot("taken.jar", "left-out.jar");
        StartupJars jars = new StartupJars(LONG_WAIT);
        jars.arrived(hot.resolve("taken.jar"));
        assertEquals(Set.of(), jars.awaitNew(hot, Optional.of("[^._].*\\.(jar|cfg)(?<!left-out\\.jar)"), name -> false));
        assertEquals("a filter FileInstall cannot use takes nothing", Set.of(),
                new StartupJars(LONG_WAIT).awaitNew(hot, Optional.of("(unclosed"), name -> false));
    }

    @Test
    public void aJarThatNeverArrivesHoldsTheStartOnlyForTheBound() throws Exception {
        Path hot = hot("a.jar", "never.jar");
        StartupJars jars = new StartupJars(50);
        jars.arrived(hot.resolve("a.jar"));
        long begin = System.nanoTime();
        assertEquals(Set.of("never.jar"), jars.awaitNew(hot, Optional.empty(), name -> false));
        assertTrue("waited at least the bound", System.nanoTime() - begin >= TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    public void aFolderThatCannotBeReadHoldsNothing() throws Exception {
        assertEquals(Set.of(), new StartupJars(LONG_WAIT).awaitNew(folder.getRoot().toPath().resolve("missing"), Optional.empty(), name -> false));
    }

    private static boolean isDoneWithin(CompletableFuture<Void> future, long millis) throws Exception {
        try {
            future.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }
}
