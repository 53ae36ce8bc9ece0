package io.kiln.runtime.internal.logging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kiln.runtime.api.LogLevel;
import io.kiln.runtime.internal.config.SectionException;
import io.kiln.runtime.internal.config.SectionCheck;

/**
 * Checks the logging section before it reaches Pax Logging, for the mistakes Log4j would only note in its status
 * log and then run without: a level that is none, a logger without a name, an appender without a type or a name,
 * a reference to an appender the section does not define. What Log4j itself refuses (an appender type it has no
 * plugin for, a file it cannot open) is its verdict after delivery ({@link LoggingSectionCheck}).
 */
final class Log4jProperties {

    /** What follows {@code log4j2.} in Log4j's properties format (its configuration's own attributes and elements). */
    private static final Set<String> ELEMENTS = Set.of("rootLogger", "logger", "appender", "filter", "property", "script",
            "customLevel", "status", "dest", "name", "packages", "monitorInterval", "verbose", "strict", "shutdownHook",
            "shutdownTimeout", "advertiser", "appenders", "loggers", "filters", "properties", "customLevels", "scripts");
    /** What a logger (and the root logger) takes; {@code ""} is the short form, {@code log4j2.logger.ID = LEVEL, REF}. */
    private static final Set<String> LOGGER_ATTRIBUTES = Set.of("", "name", "level", "additivity", "includeLocation", "type",
            "appenderRef", "filter");

    private Log4jProperties() {
    }

    /**
     * @return warnings: keys the section does not use
     * @throws SectionException naming the file, the key and what is wrong
     */
    static List<String> check(String file, Map<String, String> values) throws SectionException {
        List<String> warnings = new ArrayList<>();
        Set<String> appenders = appenderNames(file, values);
        String rootLevel = values.get(LoggingSection.ROOT_LEVEL);
        if (rootLevel != null) {
            level(file, LoggingSection.ROOT_LEVEL, rootLevel);
        }
        references(file, LoggingSection.ROOT + ".", values, appenders);
        for (Map.Entry<String, Map<String, String>> logger : LoggingSection.groups(values, LoggingSection.LOGGER).entrySet()) {
            String prefix = LoggingSection.LOGGER + logger.getKey() + ".";
            Map<String, String> keys = logger.getValue();
            if (keys.containsKey("")) {
                continue; // the short form, log4j2.logger.ID = LEVEL, APPENDER: Log4j reads it as it is
            }
            if (!keys.containsKey("name") || keys.get("name").isBlank()) {
                throw new SectionException(file + ": " + prefix + "name: missing: a logger needs the name of what it covers"
                        + " (a package or class, e.g. io.example)");
            }
            if (keys.containsKey("level")) {
                level(file, prefix + "level", keys.get("level"));
            }
            references(file, prefix, values, appenders);
        }
        unknownAttributes(file, values, warnings);
        for (String key : values.keySet()) {
            if (!key.startsWith(LoggingSection.PREFIX) && !key.startsWith(LoggingSection.PAX_PREFIX)
                    && !SectionCheck.FRAMEWORK_KEYS.contains(key) && !key.equals("pax.logging.entries.size")) {
                warnings.add(file + ": unknown key '" + key + "' (the logging section takes log4j2.* keys and Pax Logging's "
                        + LoggingSection.PAX_PREFIX + "* settings)");
            }
        }
        return warnings;
    }

    /** A misspelt key Log4j would pass over without a word (log4j2.rootLoger.level, log4j2.logger.x.levle). */
    private static void unknownAttributes(String file, Map<String, String> values, List<String> warnings) {
        for (String key : values.keySet()) {
            if (!key.startsWith(LoggingSection.PREFIX)) {
                continue;
            }
            String[] parts = key.substring(LoggingSection.PREFIX.length()).split("\\.", -1);
            String attribute = parts[0].equals("rootLogger") ? (parts.length > 1 ? parts[1] : "")
                    : parts[0].equals("logger") && parts.length > 1 ? (parts.length > 2 ? parts[2] : "") : null;
            if (!ELEMENTS.contains(parts[0])) {
                warnings.add(file + ": unknown key '" + key + "' (Log4j takes " + LoggingSection.PREFIX + "rootLogger.*, logger.*, "
                        + "appender.*, filter.*, property.*, ...; it would pass over this one)");
            } else if (attribute != null && !LOGGER_ATTRIBUTES.contains(attribute)) {
                warnings.add(file + ": unknown key '" + key + "' (a logger takes name, level, additivity, includeLocation, "
                        + "appenderRef.*, filter.*; Log4j would pass over this one)");
            }
        }
    }

    private static Set<String> appenderNames(String file, Map<String, String> values) throws SectionException {
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, Map<String, String>> appender : LoggingSection.groups(values, LoggingSection.APPENDER).entrySet()) {
            String prefix = LoggingSection.APPENDER + appender.getKey() + ".";
            Map<String, String> keys = appender.getValue();
            if (keys.containsKey("")) {
                continue;
            }
            if (!keys.containsKey("type") || keys.get("type").isBlank()) {
                throw new SectionException(file + ": " + prefix + "type: missing: an appender needs a type (Console, File, RollingFile, ...)");
            }
            String name = keys.get("name");
            if (name == null || name.isBlank()) {
                throw new SectionException(file + ": " + prefix + "name: missing: an appender needs the name loggers refer to it by");
            }
            if (!names.add(name.strip())) {
                throw new SectionException(file + ": " + prefix + "name: another appender is named '" + name.strip() + "' too");
            }
        }
        return names;
    }

    /** Every {@code appenderRef.X.ref} under a logger names an appender the section defines. */
    private static void references(String file, String loggerPrefix, Map<String, String> values, Set<String> appenders)
            throws SectionException {
        for (Map.Entry<String, Map<String, String>> reference : LoggingSection.groups(values, loggerPrefix + "appenderRef.").entrySet()) {
            String prefix = loggerPrefix + "appenderRef." + reference.getKey() + ".";
            String target = reference.getValue().get("ref");
            if (target == null || target.isBlank()) {
                throw new SectionException(file + ": " + prefix + "ref: missing: which appender it refers to");
            }
            if (!appenders.contains(target.strip())) {
                throw new SectionException(file + ": " + prefix + "ref: no appender is named '" + target.strip()
                        + "' (the section defines: " + String.join(", ", appenders.stream().sorted().toList()) + ")");
            }
            String level = reference.getValue().get("level");
            if (level != null) {
                level(file, prefix + "level", level);
            }
        }
    }

    private static void level(String file, String key, String value) throws SectionException {
        if (LoggingSection.level(value).isEmpty()) {
            throw new SectionException(file + ": " + key + ": expected one of " + LogLevel.names() + ", found '" + value.strip() + "'");
        }
    }
}
