package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

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
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.Trigger;

/**
 * A plugin written as sources in a folder of {@code hot/}: compiled and installed by Kiln, rebuilt when a source
 * changes, refused (the last good version kept) when it does not compile, and uninstalled when the folder goes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SourcePluginIT extends KilnTestSupport {

    private static final String JAVA = "src/main/java/io/acme/shout/internal/ShoutPhrase.java";

    @Inject
    private PluginService plugins;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(SourcePluginIT.class);
        seedHot(folders, "kiln-sample-api.jar");
        PluginJar.named("itest.words.api", "1.0.0").source("io.kiln.itests.words.Words", """
                package io.kiln.itests.words;

                public interface Words {
                    String word();
                }
                """).header("Export-Package", "io.kiln.itests.words;version=1.0.0").writeTo(folders.jars().resolve("words-api.jar"));
        return kilnOptions(folders);
    }

    @Test
    public void aSourceFolderIsCompiledChangedRefusedFixedAndRemoved() throws Exception {
        awaitStartupProcessed();
        Path staged = folders().staging().resolve("shout");
        writeSource(staged, JAVA, shoutSource("return name.toUpperCase() + \"!\";"));
        Files.writeString(staged.resolve("bnd.bnd"), "Bundle-Version: 1.0.0\n", StandardCharsets.UTF_8);
        Path folder = folders().hot().resolve("shout");

        // in: a folder moved into hot/ is compiled (DS annotations processed: the component runs) and installed
        Files.move(staged, folder, StandardCopyOption.ATOMIC_MOVE);
        await().untilAsserted(() -> assertEquals("ADA!", say("shout", "Ada")));
        // the component serves before the install's transaction has committed (and written its record)
        await().until(() -> plugins.plugin("shout").isPresent());
        Bundle bundle = installedBundle("shout");
        assertEquals("the symbolic name is the folder's", "shout", bundle.getSymbolicName());
        assertEquals("1.0.0", bundle.getVersion().toString());
        assertEquals("shout", plugins.plugin("shout").orElseThrow().file());

        // changed: the new code serves
        writeSource(folder, JAVA, shoutSource("return \"Hey, \" + name + \"!\";"));
        await().untilAsserted(() -> assertEquals("Hey, Ada!", say("shout", "Ada")));
        // the history entry is written once the change is verified, a moment after the new code serves
        HistoryEntry update = await().until(() -> latest("shout"), e -> e.action() == Action.UPDATE);
        assertEquals(Outcome.APPLIED, update.outcome());
        assertEquals(Trigger.FILE, update.trigger());

        // broken: refused with the file, line and cause; the last good version serves on
        writeSource(folder, JAVA, shoutSource("return \"Hey, \" + name + \"!\""));
        HistoryEntry refused = await().until(() -> latest("shout"), e -> e.outcome() == Outcome.REJECTED);
        assertTrue(refused.error(), refused.error().startsWith("shout: does not compile: " + JAVA + ":11:"));
        assertTrue(refused.error(), refused.error().contains("';' expected"));
        assertEquals("Hey, Ada!", say("shout", "Ada"));
        assertTrue("listed as rejected", plugins.status().rejected().stream()
                .anyMatch(r -> r.file().equals("shout") && r.reason().contains(JAVA + ":11:")));

        // put back as it was: the sources are what runs again, so the refusal is gone and nothing is built
        writeSource(folder, JAVA, shoutSource("return \"Hey, \" + name + \"!\";"));
        await().until(() -> plugins.status().rejected().stream().noneMatch(r -> r.file().equals("shout")));
        assertEquals("installed, updated, refused: nothing more", 3, changesOf("shout"));
        writeSource(folder, JAVA, shoutSource("return \"Hey, \" + name + \"!\""));
        await().until(() -> plugins.status().rejected().stream().anyMatch(r -> r.file().equals("shout")));
        await().until(() -> changesOf("shout") == 4); // broken again: a refusal of its own

        // fixed: recovers, and the refusal is gone
        writeSource(folder, JAVA, shoutSource("return \"Hello again, \" + name + \".\";"));
        await().untilAsserted(() -> assertEquals("Hello again, Ada.", say("shout", "Ada")));
        await().until(() -> changesOf("shout") == 5); // installed, updated, refused, refused, updated
        assertFalse(plugins.status().rejected().stream().anyMatch(r -> r.file().equals("shout")));

        // touched without a change, and a folder set aside with '_': nothing is built
        Path source = folder.resolve(JAVA);
        Files.writeString(source, Files.readString(source));
        Path asideStaged = folders().staging().resolve("_aside");
        writeSource(asideStaged, "Aside.java", "package aside; public class Aside {}\n");
        Files.move(asideStaged, folders().hot().resolve("_aside"), StandardCopyOption.ATOMIC_MOVE);
        // a real change after both: once it shows, the two before it would have shown too
        writeSource(folder, JAVA, shoutSource("return \"Bye, \" + name + \".\";"));
        await().untilAsserted(() -> assertEquals("Bye, Ada.", say("shout", "Ada")));
        await().until(() -> changesOf("shout") >= 6);
        assertEquals("only the real change is in the history", 6, changesOf("shout"));
        assertTrue(plugins.plugin("_aside").isEmpty());

        // out: deleting the folder uninstalls the plugin
        deleteTree(folder);
        await().untilAsserted(() -> assertNull(installedBundle("shout")));
        assertTrue(phrases("shout").isEmpty());
        await().until(() -> latest("shout").action() == Action.UNINSTALL);
    }

    @Test
    public void removingTheirPluginSetsTheSourcesAsideRatherThanDeletingThem() throws Exception {
        awaitStartupProcessed();
        Path staged = folders().staging().resolve("kept");
        writeSource(staged, "Kept.java", "package kept; @org.osgi.service.component.annotations.Component(service = Kept.class) public class Kept {}\n");
        Path folder = folders().hot().resolve("kept");
        Files.move(staged, folder, StandardCopyOption.ATOMIC_MOVE);
        // committed: the record is written once the new plugin is verified
        await().until(() -> plugins.plugin("kept").map(p -> p.lastResult() == Outcome.APPLIED).orElse(false));

        assertEquals(Outcome.APPLIED, plugins.uninstall("kept", Trigger.SHELL).outcome());

        assertNull(installedBundle("kept"));
        assertFalse(Files.exists(folder));
        assertTrue("the sources are kept, under a name Kiln skips", Files.isRegularFile(folders().hot().resolve("_kept/Kept.java")));
    }

    @Test
    public void aFolderThatNeedsAnApiNotYetInstalledIsBuiltWhenItArrives() throws Exception {
        awaitStartupProcessed();
        Path staged = folders().staging().resolve("wordy");
        writeSource(staged, "Wordy.java", """
                package wordy;

                import org.osgi.service.component.annotations.Component;

                import io.kiln.itests.words.Words;

                @Component
                public class Wordy implements Words {
                    public String word() {
                        return "wordy";
                    }
                }
                """);
        Files.move(staged, folders().hot().resolve("wordy"), StandardCopyOption.ATOMIC_MOVE);
        HistoryEntry refused = await().until(() -> latest("wordy"), e -> e != null && e.outcome() == Outcome.REJECTED);
        assertTrue(refused.error(), refused.error().contains("Wordy.java:5:") && refused.error().contains("io.kiln.itests.words"));

        moveIn(folders().jars().resolve("words-api.jar"), folders().hot().resolve("words-api.jar"));

        HistoryEntry built = await().until(() -> latest("wordy"), e -> e.outcome() == Outcome.APPLIED);
        assertEquals(Trigger.RETRY, built.trigger());
        assertEquals(Bundle.ACTIVE, installedBundle("wordy").getState());
        assertFalse(plugins.status().rejected().stream().anyMatch(r -> r.file().equals("wordy")));
    }

    @Test
    public void aFolderWhoseNameIsNoPluginNameIsRefusedAndSaysWhy() throws Exception {
        awaitStartupProcessed();
        Path staged = folders().staging().resolve("Bad Name");
        writeSource(staged, "Bad.java", "package bad; public class Bad {}\n");
        Files.move(staged, folders().hot().resolve("Bad Name"), StandardCopyOption.ATOMIC_MOVE);

        HistoryEntry refused = await().until(() -> latest("Bad Name"), e -> e != null && e.outcome() == Outcome.REJECTED);
        assertTrue(refused.error(), refused.error().startsWith("Bad Name: not a plugin name: a source folder's name is its Bundle-SymbolicName"));
        assertNull(installedBundle("Bad Name"));
    }

    private static String shoutSource(String sayBody) {
        return """
                package io.acme.shout.internal;

                import org.osgi.service.component.annotations.Component;

                import io.kiln.sample.phrase.Phrase;

                @Component(property = Phrase.KIND + "=shout")
                public class ShoutPhrase implements Phrase {
                    @Override
                    public String say(String name) {
                        %s
                    }
                }
                """.formatted(sayBody);
    }

    private long changesOf(String plugin) {
        return plugins.history(1000).stream().filter(e -> e.name().equals(plugin)).count();
    }

    private HistoryEntry latest(String plugin) {
        List<HistoryEntry> entries = plugins.history(100).stream().filter(e -> e.name().equals(plugin)).toList();
        return entries.isEmpty() ? null : entries.get(0);
    }

    /** Writes a source as an editor's safe save does: a new file renamed over the old one. */
    private void writeSource(Path folder, String path, String content) throws IOException {
        Path file = folder.resolve(path);
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
