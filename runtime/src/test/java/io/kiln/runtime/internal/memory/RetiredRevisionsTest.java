package io.kiln.runtime.internal.memory;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.Test;

import io.kiln.runtime.api.RetainedRevision;

public class RetiredRevisionsTest {

    private final List<RetainedRevision> reported = new CopyOnWriteArrayList<>();

    private RetiredRevisions watch() {
        return new RetiredRevisions(new LeftoverFinder(new JdkInternals()), Duration.ofMillis(100), true, reported::add);
    }

    @Test
    public void aLoaderHeldPastTheGracePeriodIsReportedOnceAndListedUntilCollected() throws Exception {
        try (RetiredRevisions watch = watch()) {
            URLClassLoader loader = LeftoverFinderTest.pluginLoader();
            watch.watch(PluginCode.retired("held", "1.0.0", loader), null);

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !watch.retained().isEmpty());
            RetainedRevision retained = watch.retained().get(0);
            assertEquals("held", retained.plugin());
            assertEquals("1.0.0", retained.version());
            assertTrue(retained.holders().get(0), retained.holders().get(0).startsWith("nothing Kiln can see"));
            assertEquals(List.of(retained), reported);

            loader.close();
            loader = null; // the test's own reference was the holder
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                System.gc();
                return watch.retained().isEmpty();
            });
            assertEquals("reported once", 1, reported.size());
        }
    }

    @Test
    public void aLoaderNothingHoldsIsNotReported() throws Exception {
        try (RetiredRevisions watch = watch()) {
            watch.watch(PluginCode.retired("tidy", "1.0.0", LeftoverFinderTest.pluginLoader()), null);
            // the check after the grace period asks for a collection first: the loader is gone by then
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> watch.watching() == 0);
            assertEquals(List.of(), reported);
            assertEquals(List.of(), watch.retained());
        }
    }
}
