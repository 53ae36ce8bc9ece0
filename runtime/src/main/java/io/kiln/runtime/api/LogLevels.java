package io.kiln.runtime.api;

import java.util.List;

/**
 * The levels the logging runs with now (the last good logging section).
 *
 * @param root    the level of every logger the section does not name
 * @param loggers the loggers it names, by name
 */
public record LogLevels(LogLevel root, List<LoggerLevel> loggers) {

    /** Copies the loggers, which a caller cannot change afterwards. */
    public LogLevels {
        loggers = List.copyOf(loggers);
    }
}
