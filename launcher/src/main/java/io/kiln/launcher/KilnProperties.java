package io.kiln.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.kiln.placeholders.References;

/**
 * The settings of one Kiln: {@code conf/kiln.properties}, overridden by system properties of the same name,
 * with {@code ${name}} references resolved (against each other, then system properties).
 */
public final class KilnProperties {

    static final String FILE = "conf/kiln.properties";

    /** The file the admin API writes its address to, for the client. */
    public static final String API_URL_FILE = "kiln.api.url.file";

    /** The admin API's token file. */
    public static final String API_TOKEN_FILE = "kiln.api.token.file";

    private KilnProperties() {
    }

    /**
     * Loads the settings of the Kiln at {@code home}.
     *
     * @throws IOException naming the file when it is missing or unreadable
     */
    public static Map<String, String> load(Path home, Properties system) throws IOException {
        Path file = home.resolve(FILE);
        Properties raw = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            raw.load(reader);
        } catch (NoSuchFileException e) {
            throw new IOException("missing " + file + ": is " + home + " a Kiln distribution?", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is malformed: " + e.getMessage(), e);
        }
        return resolve(home, raw, system);
    }

    /**
     * The settings of the Kiln at {@code home} as {@code raw} states them: {@code -Dname=value} wins over the file, and
     * references are resolved against each other, then system properties.
     *
     * @throws IllegalArgumentException naming a reference that is not set, or that goes round in a circle
     */
    public static Map<String, String> resolve(Path home, Properties raw, Properties system) {
        Map<String, String> merged = new LinkedHashMap<>();
        merged.put("kiln.home", home.toString());
        raw.stringPropertyNames().forEach(name -> merged.put(name, raw.getProperty(name).trim()));
        // -Dname=value on the JVM wins, so one run can differ without editing the file
        system.stringPropertyNames().stream().filter(merged::containsKey)
                .forEach(name -> merged.put(name, system.getProperty(name)));
        merged.put("kiln.home", home.toString());

        Map<String, String> resolved = new LinkedHashMap<>();
        merged.forEach((name, value) -> resolved.put(name, resolve(name, value, merged, system, 0)));
        return resolved;
    }

    private static String resolve(String name, String value, Map<String, String> own, Properties system, int depth) {
        if (depth > 10) {
            throw new IllegalArgumentException(FILE + ": ${...} references in '" + name + "' go round in a circle");
        }
        try {
            return References.resolve(value, key -> true,
                    key -> own.containsKey(key) ? resolve(key, own.get(key), own, system, depth + 1) : system.getProperty(key));
        } catch (References.NotSet e) {
            throw new IllegalArgumentException(FILE + ": '" + name + "' refers to ${" + e.reference() + "}, which is not set");
        }
    }
}
