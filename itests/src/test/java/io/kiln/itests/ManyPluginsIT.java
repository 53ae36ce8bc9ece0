package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.itests.support.PluginJar;
import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.ReloadSummary;
import io.kiln.runtime.api.Trigger;

/**
 * 200 small DS plugins in {@code hot/} at start, with one whose component fails and one that imports from it: the
 * new plugins found together are installed as one batch, and each is still a transaction of its own — one history
 * entry each, the failing one rolled back alone and its file refused, the one that needs it left waiting for it, the
 * 200 active. Then {@code reload-all} reloads every plugin and counts each once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ManyPluginsIT extends KilnTestSupport {

    private static final int PLUGINS = 200;
    private static final String TEMPLATE = "itest.many.template";

    @Inject
    private PluginService plugins;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(ManyPluginsIT.class);
        Path template = PluginJar.named(TEMPLATE, "1.0.0").source("io.kiln.itests.many.Probe", """
                package io.kiln.itests.many;

                import org.osgi.service.component.annotations.Component;

                @Component(name = "itest.many.template", service = Probe.class, immediate = true)
                public class Probe {
                }
                """).writeTo(folders.jars().resolve("template.jar"));
        for (int i = 1; i <= PLUGINS; i++) {
            PluginJar.copyAs(template, name(i), folders.hot().resolve(name(i) + ".jar"));
        }
        PluginJar.named("itest.many.failing", "1.0.0").source("io.kiln.itests.many.failing.Failing", """
                package io.kiln.itests.many.failing;

                import org.osgi.service.component.annotations.Activate;
                import org.osgi.service.component.annotations.Component;

                @Component(service = Failing.class, immediate = true)
                public class Failing {
                    @Activate
                    public Failing() {
                        throw new IllegalStateException("this component never starts");
                    }
                }
                """).header("Export-Package", "io.kiln.itests.many.failing;version=1.0.0").writeTo(folders.hot().resolve("failing.jar"));
        PluginJar.manifestOnly(folders.hot().resolve("needs-failing.jar"), Map.of("Bundle-ManifestVersion", "2",
                "Bundle-SymbolicName", "itest.many.needsfailing", "Bundle-Version", "1.0.0",
                "Import-Package", "io.kiln.itests.many.failing;version=\"[1.0,2)\""));
        return kilnOptions(folders);
    }

    @Test
    public void manyPluginsAtStartAreEachATransactionAndReloadAllCountsThemAll() throws Exception {
        awaitStartupProcessed();
        for (int i = 1; i <= PLUGINS; i++) {
            assertEquals(name(i) + " active", Bundle.ACTIVE, installedBundle(name(i)).getState());
        }
        Map<String, List<HistoryEntry>> byName = plugins.history(1000).stream()
                .collect(Collectors.groupingBy(HistoryEntry::name));
        for (int i = 1; i <= PLUGINS; i++) {
            List<HistoryEntry> entries = byName.get(name(i));
            assertEquals(name(i) + " has one history entry: " + entries, 1, entries.size());
            assertEquals(Action.INSTALL, entries.get(0).action());
            assertEquals(Outcome.APPLIED, entries.get(0).outcome());
            assertEquals("a new plugin refreshes nothing", 0, entries.get(0).refreshed());
        }
        HistoryEntry failing = byName.get("itest.many.failing").get(0);
        assertEquals(failing.toString(), Outcome.ROLLED_BACK, failing.outcome());
        assertTrue(failing.error(), failing.error().contains("never starts"));
        assertNull("the failing plugin is removed again", installedBundle("itest.many.failing"));
        assertTrue("its file is refused", plugins.status().rejected().stream().anyMatch(r -> r.file().equals("failing.jar")));
        HistoryEntry needs = byName.get("itest.many.needsfailing").get(0);
        assertEquals(needs.toString(), Outcome.REJECTED, needs.outcome());
        assertTrue(needs.error(), needs.error().contains("io.kiln.itests.many.failing"));
        assertNull("what imports from it waits for it", installedBundle("itest.many.needsfailing"));

        ReloadSummary summary = plugins.reloadAll(Trigger.SHELL);
        assertEquals(summary.toString(), PLUGINS, summary.results().size());
        assertEquals(PLUGINS, summary.succeeded());
        assertEquals(0, summary.failed());
        Map<String, ChangeResult> results = summary.results().stream().collect(Collectors.toMap(ChangeResult::plugin, Function.identity()));
        IntStream.rangeClosed(1, PLUGINS).forEach(i -> assertEquals(Action.RELOAD, results.get(name(i)).action()));
        List<HistoryEntry> reloads = plugins.history(PLUGINS);
        assertTrue(reloads.stream().allMatch(e -> e.action() == Action.RELOAD && e.outcome() == Outcome.APPLIED && e.restarted() == 1));
    }

    private static String name(int i) {
        return "itest.many.p" + i;
    }
}
