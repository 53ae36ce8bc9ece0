package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.runtime.api.BuildResult;
import io.kiln.runtime.api.BuildService;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.ProjectBuild;
import io.kiln.runtime.api.Trigger;
import io.kiln.sample.phrase.Phrase;

/**
 * What dev mode does on every save, a hundred times: the project's sources built inside Kiln and the plugin updated
 * through the engine. Each build's new code serves, the plugin's state is carried across every one of them, and the
 * class loaders of the versions replaced are collected (none is kept alive by Kiln, the compiler or bnd).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DevReloadsIT extends KilnTestSupport {

    private static final int RELOADS = 100;
    private static final String SOURCE = "src/main/java/io/acme/counted/internal/CountedPhrase.java";

    @Inject
    private BuildService builds;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(DevReloadsIT.class);
        seedHot(folders, "kiln-sample-api.jar");
        return kilnOptions(folders);
    }

    @Test
    public void aHundredReloadsServeNewCodeKeepTheCountAndLeaveNoClassLoaderBehind() throws Exception {
        awaitStartupProcessed();
        Path project = folders().home().resolve("counted");
        List<Path> classPath = projectClassPath();
        List<WeakReference<ClassLoader>> replaced = new ArrayList<>();
        for (int build = 1; build <= RELOADS; build++) {
            write(project, build);
            BuildResult result = builds.build(new ProjectBuild(project, classPath, "counted", "1.0." + build), Trigger.DEV);
            assertEquals(result.change().error(), Outcome.APPLIED, result.change().outcome());
            // the count survives every update: the component loads it in its constructor and saves it as it goes
            assertEquals("build " + build + ", call " + build, say("counted", "x"));
            replaced.add(new WeakReference<>(classLoaderOfService()));
        }
        List<WeakReference<ClassLoader>> old = replaced.subList(0, RELOADS - 1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            System.gc();
            return old.stream().noneMatch(loader -> loader.get() != null);
        });
        assertTrue("the running version's class loader is in use", replaced.get(RELOADS - 1).get() != null);
    }

    private ClassLoader classLoaderOfService() {
        ServiceReference<Phrase> reference = phrase("counted");
        Phrase phrase = context.getService(reference);
        try {
            return phrase.getClass().getClassLoader();
        } finally {
            context.ungetService(reference);
        }
    }

    private static void write(Path project, int build) throws IOException {
        Path file = project.resolve(SOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                package io.acme.counted.internal;

                import java.util.Map;

                import org.osgi.service.component.annotations.Activate;
                import org.osgi.service.component.annotations.Component;
                import org.osgi.service.component.annotations.Reference;

                import io.kiln.api.state.PluginState;
                import io.kiln.sample.phrase.Phrase;

                @Component(immediate = true, property = Phrase.KIND + "=counted")
                public class CountedPhrase implements Phrase {
                    private final PluginState state;
                    private int count;

                    @Activate
                    public CountedPhrase(@Reference PluginState state) {
                        this.state = state;
                        this.count = state.load().get("count") instanceof Integer saved ? saved : 0;
                    }

                    @Override
                    public synchronized String say(String name) {
                        count++;
                        state.save(Map.of("count", count));
                        return "build %d, call " + count;
                    }
                }
                """.formatted(build), StandardCharsets.UTF_8);
    }
}
