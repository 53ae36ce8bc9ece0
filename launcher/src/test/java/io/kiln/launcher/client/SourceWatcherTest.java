package io.kiln.launcher.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** What dev mode watches: the sources and resources (folders new and old), pom.xml and bnd.bnd; not editors' files. */
public class SourceWatcherTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final Debounce debounce = new Debounce(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    public void editorFilesAreNoChanges() {
        for (String name : new String[] { ".Greeter.java.swp", "Greeter.java.swx", "Greeter.java~", ".#Greeter.java", "#Greeter.java#", "4913",
                "Greeter.java___jb_tmp___" }) {
            assertTrue(name, SourceWatcher.ignored(name));
        }
        assertFalse(SourceWatcher.ignored("Greeter.java"));
        assertFalse(SourceWatcher.ignored("messages.properties"));
    }

    @Test
    public void sourcesNewFoldersResourcesAndTheBuildFiles() throws Exception {
        Path dir = temp.getRoot().toPath().toRealPath();
        Path sources = Files.createDirectories(dir.resolve("src/main/java/com/acme"));
        Files.writeString(sources.resolve("Greeter.java"), "class Greeter {}");
        Files.writeString(dir.resolve("pom.xml"), "<project><artifactId>a</artifactId><version>1</version></project>");
        try (SourceWatcher watcher = new SourceWatcher(DevProject.read(dir))) {
            Files.writeString(sources.resolve("Greeter.java"), "class Greeter { }");
            Files.writeString(sources.resolve(".Greeter.java.swp"), "vim");
            assertEquals(Set.of(sources.resolve("Greeter.java")), debounce.next(watcher));

            Path deeper = Files.createDirectories(sources.resolve("impl/deep"));
            Files.writeString(deeper.resolve("Impl.java"), "class Impl {}");
            Set<Path> next = debounce.next(watcher);
            assertTrue(next.toString(), next.contains(deeper.resolve("Impl.java")));
            Files.writeString(deeper.resolve("Impl.java"), "class Impl { }"); // a folder that is new is watched too
            assertEquals(Set.of(deeper.resolve("Impl.java")), debounce.next(watcher));

            Path resources = Files.createDirectories(dir.resolve("src/main/resources"));
            Files.writeString(resources.resolve("messages.properties"), "a=b");
            assertTrue(debounce.next(watcher).contains(resources.resolve("messages.properties")));

            Files.createDirectories(dir.resolve("target/kiln-dev"));
            Files.writeString(dir.resolve("target/kiln-dev/classpath.txt"), "/a.jar");
            Files.writeString(dir.resolve("README.md"), "not built");
            Files.writeString(dir.resolve("bnd.bnd"), "-exportcontents: com.acme");
            assertEquals(Set.of(dir.resolve("bnd.bnd")), debounce.next(watcher));
            Files.writeString(dir.resolve("pom.xml"), "<project><artifactId>a</artifactId><version>2</version></project>");
            assertEquals(Set.of(dir.resolve("pom.xml")), debounce.next(watcher));
        }
    }
}
