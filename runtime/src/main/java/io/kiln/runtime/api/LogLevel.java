package io.kiln.runtime.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A logging level, as Log4j 2 names them: each lets through its own messages and those of the levels above it. */
public enum LogLevel {
    /** Nothing. */
    OFF,
    /** Only fatal errors. */
    FATAL,
    /** Errors. */
    ERROR,
    /** Warnings and errors. */
    WARN,
    /** What happens, warnings and errors: Kiln's default. */
    INFO,
    /** Detail for finding a fault. */
    DEBUG,
    /** Every step. */
    TRACE,
    /** Everything. */
    ALL;

    /**
     * @param text a level's name, in any case ({@code debug}, {@code WARN})
     * @return the level
     * @throws IllegalArgumentException naming the text and the levels there are
     */
    public static LogLevel parse(String text) {
        String name = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (LogLevel level : values()) {
            if (level.name().equals(name)) {
                return level;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a log level: expected one of " + names());
    }

    /** @return the levels' names, comma-separated, in order */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
