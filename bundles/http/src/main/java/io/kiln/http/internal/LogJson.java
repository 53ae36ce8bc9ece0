package io.kiln.http.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kiln.runtime.api.LogLevels;
import io.kiln.runtime.api.LogLine;
import io.kiln.runtime.api.LoggerLevel;

/** The JSON of the logging's levels and messages. */
final class LogJson {

    private LogJson() {
    }

    static Map<String, Object> levels(LogLevels levels) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("root", levels.root().name());
        m.put("loggers", levels.loggers().stream().map(LogJson::logger).toList());
        return m;
    }

    private static Map<String, Object> logger(LoggerLevel l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("logger", l.logger());
        m.put("level", l.level().name());
        m.put("plugin", l.plugin());
        return m;
    }

    static Map<String, Object> line(LogLine l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", l.time().toString());
        m.put("level", l.level().name());
        m.put("logger", l.logger());
        m.put("bundle", l.bundle());
        m.put("message", l.message());
        m.put("exception", l.exception());
        return m;
    }

    static List<Map<String, Object>> lines(List<LogLine> lines) {
        return lines.stream().map(LogJson::line).toList();
    }
}
