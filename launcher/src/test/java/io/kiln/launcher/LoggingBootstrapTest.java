package io.kiln.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LoggingBootstrapTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Folders folders() throws Exception {
        Path home = temp.getRoot().toPath();
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("data"));
        return Folders.of(home, Map.of());
    }

    private static Properties read(Path file) throws Exception {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    public void theSectionKilnLastAppliedIsWhatPaxLoggingStartsWith() throws Exception {
        Folders folders = folders();
        Files.writeString(folders.conf().resolve(LoggingBootstrap.SECTION_FILE), "log4j2.rootLogger.level = LOUD\n");
        Path applied = Files.writeString(folders.data().resolve("logging-startup.properties"), "log4j2.rootLogger.level=INFO\n");
        assertEquals("a file refused since is not started with", Optional.of(applied),
                LoggingBootstrap.write(folders, Map.of(LoggingBootstrap.STARTUP_SETTING, applied.toString())));
    }

    @Test
    public void beforeThereIsOneTheFileIsCopiedWithItsPlaceholdersResolved() throws Exception {
        Folders folders = folders();
        Files.writeString(folders.conf().resolve(LoggingBootstrap.SECTION_FILE),
                "log4j2.appender.file.fileName = ${prop:kiln.log}/kiln.log\nlog4j2.appender.file.layout.pattern = %d{HH:mm} %msg%n\n");
        Path missing = folders.data().resolve("never-written.properties");
        Path copy = LoggingBootstrap.write(folders, Map.of("kiln.log", "/srv/kiln/log", LoggingBootstrap.STARTUP_SETTING, missing.toString()))
                .orElseThrow();
        Properties copied = read(copy);
        assertEquals("/srv/kiln/log/kiln.log", copied.getProperty("log4j2.appender.file.fileName"));
        assertEquals("Log4j's own patterns are left as written", "%d{HH:mm} %msg%n", copied.getProperty("log4j2.appender.file.layout.pattern"));
        assertTrue(copy.startsWith(folders.data().resolve("tmp")));
    }

    @Test
    public void withoutASectionOrWithAPlaceholderNotSetPaxLoggingStartsOnItsDefaults() throws Exception {
        Folders folders = folders();
        assertEquals(Optional.empty(), LoggingBootstrap.write(folders, Map.of()));
        Files.writeString(folders.conf().resolve(LoggingBootstrap.SECTION_FILE), "log4j2.appender.file.fileName = ${env:KILN_NO_SUCH_VARIABLE}/x\n");
        assertEquals(Optional.empty(), LoggingBootstrap.write(folders, Map.of()));
    }
}
