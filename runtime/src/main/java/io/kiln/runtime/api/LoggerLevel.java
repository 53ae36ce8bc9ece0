package io.kiln.runtime.api;

/**
 * A level the logging section sets for one logger and everything below it ({@code io.example} covers
 * {@code io.example.Greeter}).
 *
 * @param logger the logger's name: a package or class name, as plugins name their loggers
 * @param level  its level
 * @param plugin the plugin whose own packages it is, or the empty string if it is not one plugin's
 */
public record LoggerLevel(String logger, LogLevel level, String plugin) {
}
