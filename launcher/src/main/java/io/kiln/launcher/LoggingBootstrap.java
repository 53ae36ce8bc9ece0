package io.kiln.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.kiln.placeholders.References;

/**
 * Logging as the logging section says from the first line on. Pax Logging's back end starts before ConfigAdmin and
 * before Kiln reads {@code conf/}: until the section arrives it would log in Log4j's default format, and drop what
 * plugins that start from the framework's cache say meanwhile. So the launcher hands Pax Logging, for its start only
 * ({@code org.ops4j.pax.logging.property.file}), the section Kiln last applied ({@code kiln.log.startup}, written by
 * the runtime), or before there is one a copy of the section's file with its {@code ${env:…}} and {@code ${prop:…}}
 * resolved. The section itself is then applied, checked and recorded by Kiln like any.
 */
final class LoggingBootstrap {

    /** Pax Logging's setting: a properties file it configures Log4j from when it starts. */
    static final String PROPERTY_FILE = "org.ops4j.pax.logging.property.file";
    static final String SECTION_FILE = "org.ops4j.pax.logging.cfg";
    /** The logging section Kiln last applied, kept by the runtime (conf/kiln.properties). */
    static final String STARTUP_SETTING = "kiln.log.startup";

    private LoggingBootstrap() {
    }

    /**
     * @return the copy's path, or empty if there is no logging section or it cannot be read or resolved (Pax Logging
     *         then starts on its defaults, and Kiln says what is wrong with the section when it applies it)
     */
    static Optional<Path> write(Folders folders, Map<String, String> settings) {
        String lastApplied = settings.get(STARTUP_SETTING);
        if (lastApplied != null && Files.isRegularFile(Path.of(lastApplied))) {
            return Optional.of(Path.of(lastApplied));
        }
        Path section = folders.conf().resolve(SECTION_FILE);
        if (!Files.isRegularFile(section)) {
            return Optional.empty();
        }
        try {
            Properties values = new Properties();
            try (Reader in = Files.newBufferedReader(section, StandardCharsets.UTF_8)) {
                values.load(in);
            }
            Properties resolved = new Properties();
            for (String key : values.stringPropertyNames()) {
                resolved.setProperty(key, References.resolveSection(values.getProperty(key), System::getenv,
                        name -> settings.getOrDefault(name, System.getProperty(name))));
            }
            Path copy = folders.data().resolve("tmp/logging-bootstrap.properties");
            Files.createDirectories(copy.getParent());
            Path staged = Files.createTempFile(copy.getParent(), ".logging-bootstrap", ".tmp");
            try (OutputStream out = Files.newOutputStream(staged)) {
                resolved.store(out, "written by the launcher from conf/" + SECTION_FILE + " at each start: do not edit");
            }
            return Optional.of(Files.move(staged, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE));
        } catch (IOException | IllegalArgumentException | References.NotSet e) {
            // said once the section is applied: Kiln refuses it naming the key
            System.out.println("kiln: Pax Logging starts on its defaults: conf/" + SECTION_FILE + " cannot be read for its start (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }
}
