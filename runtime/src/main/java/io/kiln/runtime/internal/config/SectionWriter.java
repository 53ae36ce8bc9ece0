package io.kiln.runtime.internal.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.felix.cm.file.ConfigurationHandler;

import io.kiln.files.AtomicFiles;

/**
 * Changes one value in a section file the way a careful person would: the key's line is rewritten in place
 * (or added at the end), every comment, other line and their order stay as they were, and the file is
 * replaced atomically.
 */
final class SectionWriter {

    private SectionWriter() {
    }

    static void set(SectionFile section, String key, Object value) throws IOException {
        set(section, Map.of(key, value));
    }

    /** Changes several values at once: one file replaced atomically, new keys added at the end in this order. */
    static void set(SectionFile section, Map<String, ?> values) throws IOException {
        List<String> lines = Files.exists(section.file())
                ? new ArrayList<>(Files.readAllLines(section.file(), StandardCharsets.UTF_8)) : new ArrayList<>();
        boolean typed = section.fileName().endsWith(SectionFile.CONFIG);
        for (Map.Entry<String, ?> value : values.entrySet()) {
            String key = value.getKey();
            String line = typed ? typedLine(key, value.getValue()) : escapeKey(key) + " = " + escapeValue(String.valueOf(value.getValue()));
            setLine(lines, key, line);
        }
        AtomicFiles.write(section.file(), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void setLine(List<String> lines, String key, String line) {
        Pattern ours = Pattern.compile("^\\s*" + Pattern.quote(escapeKey(key)) + "\\s*[=:\\s].*$|^\\s*" + Pattern.quote(escapeKey(key)) + "\\s*$");
        for (int i = 0; i < lines.size(); i++) {
            String existing = lines.get(i);
            boolean comment = existing.stripLeading().startsWith("#") || existing.stripLeading().startsWith("!");
            if (!comment && ours.matcher(existing).matches() && !continues(lines, i - 1)) {
                // a value continued over several lines (trailing backslash) goes as a whole
                int end = i;
                while (continues(lines, end) && end + 1 < lines.size()) {
                    end++;
                }
                lines.subList(i + 1, end + 1).clear();
                lines.set(i, line);
                return;
            }
        }
        lines.add(line);
    }

    private static boolean continues(List<String> lines, int index) {
        if (index < 0) {
            return false;
        }
        String line = lines.get(index);
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static String typedLine(String key, Object value) throws IOException {
        Hashtable<String, Object> one = new Hashtable<>();
        one.put(key, value);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConfigurationHandler.write(out, one);
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .findFirst().orElseThrow(() -> new IOException("cannot write " + key + " in the typed format"));
    }

    private static String escapeKey(String key) {
        return key.replace("\\", "\\\\").replace(" ", "\\ ").replace("=", "\\=").replace(":", "\\:");
    }

    private static String escapeValue(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
