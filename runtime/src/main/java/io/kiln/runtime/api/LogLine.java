package io.kiln.runtime.api;

import java.time.Instant;

/**
 * One message logged, by Kiln or a plugin, through any of the logging APIs the platform offers.
 *
 * @param time      when it was logged
 * @param level     its level
 * @param logger    the logger's name
 * @param bundle    the symbolic name of the bundle that logged it, or the empty string
 * @param message   the message
 * @param exception the exception logged with it ({@code Class: message}), or the empty string
 */
public record LogLine(Instant time, LogLevel level, String logger, String bundle, String message, String exception) {
}
