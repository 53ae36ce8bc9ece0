package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.itests.support.PluginJar;
import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.Trigger;

/**
 * A 10-deep chain, each link importing the package of the one before: an update of the root refreshes the whole chain
 * and restarts its 9 dependents in dependency order (stopped last first, started first first, whatever order the
 * framework installed them in: it would restart what it refreshed by bundle id), and its history entry says so — 10 bundles refreshed, 10 restarted — with its time.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ChainUpdateIT extends KilnTestSupport {

    private static final int LINKS = 10;

    @Inject
    private PluginService plugins;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(ChainUpdateIT.class);
        // whatever order the framework installs them in (its own restart order after a refresh), the chain's is kept
        for (int i = LINKS - 1; i >= 0; i--) {
            link(i, "1.0.0", folders.hot().resolve(name(i) + ".jar"));
        }
        link(0, "1.1.0", folders.jars().resolve("root-1.1.0.jar"));
        return kilnOptions(folders);
    }

    private static Path link(int i, String version, Path target) throws IOException {
        Map<String, String> headers = new java.util.LinkedHashMap<>(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", name(i),
                "Bundle-Version", version, "Export-Package", "itest.chain.l" + i + ";version=1.0.0"));
        if (i > 0) {
            headers.put("Import-Package", "itest.chain.l" + (i - 1) + ";version=\"[1.0,2)\"");
        }
        return PluginJar.manifestOnly(target, headers);
    }

    @Test
    public void updatingTheRootRestartsTheNineDependentsInOrderAndTheHistorySaysSo() throws Exception {
        awaitStartupProcessed();
        List<String> events = new CopyOnWriteArrayList<>();
        SynchronousBundleListener listener = event -> {
            if (event.getBundle().getSymbolicName() != null && event.getBundle().getSymbolicName().startsWith("itest.chain.")
                    && (event.getType() == BundleEvent.STOPPED || event.getType() == BundleEvent.STARTED)) {
                events.add((event.getType() == BundleEvent.STOPPED ? "stop " : "start ") + event.getBundle().getSymbolicName());
            }
        };
        context.addBundleListener(listener);
        ChangeResult result;
        try {
            result = plugins.install(folders().jars().resolve("root-1.1.0.jar"), "", Trigger.SHELL);
        } finally {
            context.removeBundleListener(listener);
        }

        assertEquals(result.toString(), Outcome.APPLIED, result.outcome());
        List<String> expected = new ArrayList<>();
        expected.add("stop " + name(0));
        IntStream.iterate(LINKS - 1, i -> i >= 1, i -> i - 1).forEach(i -> expected.add("stop " + name(i)));
        IntStream.range(0, LINKS).forEach(i -> expected.add("start " + name(i)));
        assertEquals(expected, events);
        List<String> restarted = result.dependents().stream().filter(DependentChange::restarted).map(DependentChange::plugin).toList();
        assertEquals(IntStream.range(1, LINKS).mapToObj(ChainUpdateIT::name).toList(), restarted);

        HistoryEntry entry = plugins.history(1).get(0);
        assertEquals(name(0), entry.name());
        assertEquals("the root and its 9 dependents refreshed", LINKS, entry.refreshed());
        assertEquals("the root and its 9 dependents restarted", LINKS, entry.restarted());
        assertEquals("the time is reported", result.duration().toMillis(), entry.durationMillis());
        assertTrue(entry.durationMillis() >= 0);
    }

    private static String name(int i) {
        return "itest.chain.link" + i;
    }
}
