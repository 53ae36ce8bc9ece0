package io.kiln.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.kiln.runtime.api.LogLevel;
import io.kiln.runtime.api.LogLevels;
import io.kiln.runtime.api.LogLine;
import io.kiln.runtime.api.LoggerLevel;
import io.kiln.runtime.api.LoggingService;
import io.kiln.table.Table;
import io.kiln.table.Times;

/**
 * {@code kiln:log-show}, {@code kiln:log-level [PLUGIN|LOGGER] LEVEL}, {@code kiln:log-tail [N]}: the levels logging
 * runs with, a level set in the logging section, the latest messages.
 */
@Component(service = LogCommands.class, property = { "osgi.command.scope=kiln", "osgi.command.function=log-show",
        "osgi.command.function=log-level", "osgi.command.function=log-tail" })
public final class LogCommands {

    private static final String USAGE = "usage: log-show | log-level [PLUGIN|LOGGER] LEVEL | log-tail [N]";

    private final LoggingService logging;

    @Activate
    public LogCommands(@Reference LoggingService logging) {
        this.logging = logging;
    }

    @Descriptor("logging: log-show | log-level [PLUGIN|LOGGER] LEVEL | log-tail [N]")
    public String _main(String command, String... args) {
        return switch (command + "/" + args.length) {
            case "log-show/0" -> show(logging.levels());
            case "log-level/1" -> Results.sections(logging.setLevel("", level(args[0]), PluginChangeCommands.TRIGGER));
            case "log-level/2" -> Results.sections(logging.setLevel(args[0], level(args[1]), PluginChangeCommands.TRIGGER));
            case "log-tail/0" -> tail(20);
            case "log-tail/1" -> tail(count(args[0]));
            default -> throw new IllegalArgumentException(USAGE);
        };
    }

    private static LogLevel level(String text) {
        return LogLevel.parse(text);
    }

    private static int count(String text) {
        try {
            int count = Integer.parseInt(text);
            if (count > 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("log-tail takes how many lines, a positive number: not '" + text + "'");
    }

    static String show(LogLevels levels) {
        Table table = new Table("LOGGER", "LEVEL", "PLUGIN");
        table.row("(root)", levels.root().name(), "");
        for (LoggerLevel l : levels.loggers()) {
            table.row(l.logger(), l.level().name(), l.plugin());
        }
        return table.text();
    }

    private String tail(int count) {
        StringBuilder out = new StringBuilder();
        for (LogLine line : logging.recent(count)) {
            out.append(line(line)).append('\n');
        }
        return out.toString().stripTrailing();
    }

    /** One message as the console shows it. */
    static String line(LogLine l) {
        String logger = l.logger().substring(l.logger().lastIndexOf('.') + 1);
        return Times.timeOfDay(l.time()) + " [" + l.level() + "] " + logger + " - " + l.message()
                + (l.exception().isEmpty() ? "" : " (" + l.exception() + ")");
    }
}
