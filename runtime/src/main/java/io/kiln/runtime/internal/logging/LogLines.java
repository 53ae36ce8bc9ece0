package io.kiln.runtime.internal.logging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.osgi.service.log.LogEntry;

import io.kiln.runtime.api.LogLevel;
import io.kiln.runtime.api.LogLine;

/** A log entry of the OSGi Log Service, which Pax Logging keeps for every message, as the API shows it. */
final class LogLines {

    private LogLines() {
    }

    static LogLine of(LogEntry entry) {
        Throwable exception = entry.getException();
        return new LogLine(Instant.ofEpochMilli(entry.getTime()), level(entry), entry.getLoggerName() == null ? "" : entry.getLoggerName(),
                entry.getBundle() == null || entry.getBundle().getSymbolicName() == null ? "" : entry.getBundle().getSymbolicName(),
                entry.getMessage() == null ? "" : entry.getMessage(),
                exception == null ? "" : exception.getClass().getName() + (exception.getMessage() == null ? "" : ": " + exception.getMessage()));
    }

    private static LogLevel level(LogEntry entry) {
        return switch (entry.getLogLevel()) {
            case AUDIT, INFO -> LogLevel.INFO;
            case ERROR -> LogLevel.ERROR;
            case WARN -> LogLevel.WARN;
            case DEBUG -> LogLevel.DEBUG;
            case TRACE -> LogLevel.TRACE;
        };
    }

    /** @param newestFirst the Log Service's order @return the latest {@code max}, oldest first */
    static List<LogLine> latest(Enumeration<LogEntry> newestFirst, int max) {
        List<LogLine> lines = new ArrayList<>();
        while (newestFirst.hasMoreElements() && lines.size() < max) {
            lines.add(of(newestFirst.nextElement()));
        }
        Collections.reverse(lines);
        return lines;
    }
}
