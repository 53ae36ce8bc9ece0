package io.kiln.runtime.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

import org.apache.felix.cm.file.ConfigurationHandler;

import io.kiln.runtime.internal.store.RuntimeFolders;

/**
 * One configuration section file: {@code <pid>.cfg}, or {@code <factoryPid>~<name>.cfg} for one instance of a
 * factory configuration (named as {@link SectionPids} says); {@code .config} for the typed Felix format. A
 * {@code -} in a name is just a character (FileInstall would take it as a factory separator).
 *
 * @param file       the file
 * @param pid        the PID, or the factory PID for a factory instance
 * @param name       the instance name of a factory configuration, or empty
 */
record SectionFile(Path file, String pid, Optional<String> name) {

    static final String CFG = ".cfg";
    static final String CONFIG = ".config";

    static boolean isSection(Path file) {
        String fileName = file.getFileName().toString();
        return (fileName.endsWith(CFG) || fileName.endsWith(CONFIG)) && RuntimeFolders.isEnabledName(fileName);
    }

    /**
     * @throws SectionException if the file name holds no PID
     */
    static SectionFile of(Path file) throws SectionException {
        String fileName = file.getFileName().toString();
        String base = fileName.substring(0, fileName.lastIndexOf('.'));
        String pid = SectionPids.factoryOrPlainPid(base);
        Optional<String> name = SectionPids.instanceName(base);
        if (pid.isBlank() || name.map(String::isBlank).orElse(false)) {
            throw new SectionException(fileName + ": the file name must be " + SectionPids.FILE_NAME_FORM);
        }
        return new SectionFile(file, pid, name);
    }

    /** The PID ConfigAdmin gives this section: the PID, or {@code factoryPid~name}. */
    String configurationPid() {
        return name.map(n -> SectionPids.instancePid(pid, n)).orElse(pid);
    }

    String fileName() {
        return file.getFileName().toString();
    }

    /**
     * Reads the section's properties.
     *
     * @throws SectionException naming the file and what is wrong with it
     */
    Dictionary<String, Object> read() throws SectionException {
        boolean typed = fileName().endsWith(CONFIG);
        String kind = typed ? "typed .config file" : ".cfg properties file";
        try {
            return typed ? readTyped() : readProperties();
        } catch (MalformedInputException e) {
            // the decoder's own message is "Input length = 1"
            throw new SectionException(fileName() + where(PropertiesLines.notUtf8(bytes())) + ": cannot be read as a " + kind
                    + ": not UTF-8 text");
        } catch (IllegalArgumentException e) {
            // java.util.Properties names neither the line nor the escape
            OptionalInt escape = typed ? OptionalInt.empty() : PropertiesLines.badUnicodeEscape(text());
            // its own words ("Malformed ... encoding.") end in a full stop, before the "; ..." a log line adds
            String why = escape.isPresent()
                    ? "a \\u escape needs four hexadecimal digits, as in \\u00e9 (a backslash itself is written \\\\)"
                    : String.valueOf(e.getMessage()).replaceFirst("\\.$", "");
            throw new SectionException(fileName() + where(escape) + ": cannot be read as a " + kind + ": " + why);
        } catch (IOException e) {
            throw new SectionException(fileName() + ": cannot be read as a " + kind + ": " + e.getMessage());
        }
    }

    private static String where(OptionalInt line) {
        return line.isPresent() ? ", line " + line.getAsInt() : "";
    }

    private byte[] bytes() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    private Dictionary<String, Object> readProperties() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Hashtable<String, Object> values = new Hashtable<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return values;
    }

    @SuppressWarnings("unchecked")
    private Dictionary<String, Object> readTyped() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ConfigurationHandler.read(in);
        }
    }
}
