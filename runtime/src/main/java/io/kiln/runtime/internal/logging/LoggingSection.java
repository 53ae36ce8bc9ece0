package io.kiln.runtime.internal.logging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.kiln.runtime.api.LogLevel;

/**
 * The one place Kiln reads and writes the logging section's {@code log4j2.*} keys, in Log4j 2's properties format
 * with Pax Logging's prefix: {@code log4j2.rootLogger.level}; {@code log4j2.logger.ID.name} and
 * {@code log4j2.logger.ID.level}, one pair per logger; {@code log4j2.appender.ID.*}, one group per appender.
 */
final class LoggingSection {

    static final String PREFIX = "log4j2.";
    static final String ROOT = PREFIX + "rootLogger";
    static final String ROOT_LEVEL = ROOT + ".level";
    static final String LOGGER = PREFIX + "logger.";
    static final String APPENDER = PREFIX + "appender.";
    /** Pax Logging's own settings in the same section. */
    static final String PAX_PREFIX = "org.ops4j.pax.logging.";

    /** One logger the section names. */
    record Logger(String id, String name, Optional<String> level) {
    }

    private LoggingSection() {
    }

    /** @return the section's values as text, key by key */
    static Map<String, String> texts(Map<String, ?> values) {
        Map<String, String> texts = new LinkedHashMap<>();
        values.forEach((key, value) -> texts.put(key, String.valueOf(value)));
        return texts;
    }

    /** @return the keys' groups under a prefix ({@code log4j2.logger.}): each group's id and its keys, the id cut off */
    static Map<String, Map<String, String>> groups(Map<String, String> values, String prefix) {
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int dot = rest.indexOf('.');
                String id = dot < 0 ? rest : rest.substring(0, dot);
                groups.computeIfAbsent(id, i -> new LinkedHashMap<>()).put(dot < 0 ? "" : rest.substring(dot + 1), value);
            }
        });
        return groups;
    }

    /** @return the loggers the section names, in its order; one without a name is left out */
    static List<Logger> loggers(Map<String, String> values) {
        List<Logger> loggers = new ArrayList<>();
        groups(values, LOGGER).forEach((id, keys) -> {
            String name = keys.get("name");
            if (name != null) {
                loggers.add(new Logger(id, name.strip(), Optional.ofNullable(keys.get("level")).map(String::strip)));
            }
        });
        return loggers;
    }

    /** @return the level a value names, as Log4j reads it (any case) */
    static Optional<LogLevel> level(String text) {
        try {
            return Optional.of(LogLevel.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * @return the id for a new logger entry: the logger's name with what a properties key cannot hold replaced, and
     *         a number after it if the section uses that id already
     */
    static String newId(String loggerName, Collection<String> taken) {
        String base = loggerName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
        String id = base;
        for (int n = 2; taken.contains(id); n++) {
            id = base + "_" + n;
        }
        return id;
    }

    static String nameKey(String id) {
        return LOGGER + id + ".name";
    }

    static String levelKey(String id) {
        return LOGGER + id + ".level";
    }
}
