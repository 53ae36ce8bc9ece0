package io.kiln.launcher;

import java.util.Locale;
import java.util.Map;

/**
 * How much Felix SCR prints. Without a log service SCR writes its messages straight to the console, a failing
 * {@code @Activate} as two long stack traces, before Kiln's own one-line verdict (which names the exception, and
 * whose history entry keeps the error). So by default SCR prints nothing but audit messages; at the debug log level
 * ({@code org.slf4j.simpleLogger.defaultLogLevel = debug}) it prints everything, traces included. An explicit
 * {@code ds.loglevel} setting wins.
 */
final class ScrLogLevel {

    static final String SETTING = "ds.loglevel";

    /** SCR's levels by number: 0 audit, 1 error, 2 warn, 3 info, 4 debug. */
    private static final String AUDIT_ONLY = "0";

    private ScrLogLevel() {
    }

    static String of(Map<String, String> settings) {
        String explicit = settings.get(SETTING);
        if (explicit != null && !explicit.isBlank()) {
            return explicit.strip();
        }
        String level = settings.getOrDefault("org.slf4j.simpleLogger.defaultLogLevel", "info").strip().toLowerCase(Locale.ROOT);
        return level.equals("debug") || level.equals("trace") ? "debug" : AUDIT_ONLY;
    }
}
