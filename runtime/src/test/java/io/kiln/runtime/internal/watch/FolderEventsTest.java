package io.kiln.runtime.internal.watch;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FolderEventsTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void reportsARenameIntoTheFolder() throws Exception {
        Path hot = temp.newFolder("hot").toPath();
        Path staged = temp.newFile("plugin.jar").toPath();
        AtomicInteger changes = new AtomicInteger();
        try (FolderEvents events = new FolderEvents(List.of(hot), changes::incrementAndGet)) {
            Files.move(staged, hot.resolve("plugin.jar"));
            await().atMost(Duration.ofSeconds(5)).until(() -> changes.get() > 0);
        }
    }

    @Test
    public void disabledNamesReportNothing() throws Exception {
        Path hot = temp.newFolder("hot").toPath();
        AtomicInteger changes = new AtomicInteger();
        try (FolderEvents events = new FolderEvents(List.of(hot), changes::incrementAndGet)) {
            Files.writeString(hot.resolve(".hidden.jar"), "x");
            Files.writeString(hot.resolve("_disabled.jar"), "x");
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> changes.get() == 0);
            Files.writeString(hot.resolve("enabled.jar"), "x");
            await().atMost(Duration.ofSeconds(5)).until(() -> changes.get() > 0);
        }
    }

    @Test
    public void aTreeIsWatchedInItsSubFoldersIncludingNewOnes() throws Exception {
        Path skills = temp.newFolder("skills").toPath();
        Path existing = Files.createDirectories(skills.resolve("summarize"));
        AtomicInteger changes = new AtomicInteger();
        try (FolderEvents events = new FolderEvents(List.of(), List.of(skills), changes::incrementAndGet)) {
            Files.writeString(existing.resolve("SKILL.md"), "x");
            await().atMost(Duration.ofSeconds(5)).until(() -> changes.get() > 0);
            Path added = Files.createDirectories(skills.resolve("translate"));
            await().atMost(Duration.ofSeconds(5)).until(() -> changes.get() > 1);
            int before = changes.get();
            Files.writeString(added.resolve("SKILL.md"), "y");
            await().atMost(Duration.ofSeconds(5)).until(() -> changes.get() > before);
        }
    }

    @Test
    public void namesStartingWithDotOrUnderscoreAreDisabled() {
        assertFalse(FolderEvents.isEnabledName(Path.of(".x.jar")));
        assertFalse(FolderEvents.isEnabledName(Path.of("_x.jar")));
        assertTrue(FolderEvents.isEnabledName(Path.of("x.jar")));
    }
}
