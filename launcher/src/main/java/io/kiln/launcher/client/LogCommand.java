package io.kiln.launcher.client;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.kiln.table.Table;
import io.kiln.table.Times;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kiln log [show] | level [PLUGIN|LOGGER] LEVEL | tail [-n N] [-f]}: the running Kiln's logging, configured by
 * the section {@code conf/org.ops4j.pax.logging.cfg}.
 */
@Command(name = "log", description = "Logging: the levels it runs with, a level set, the latest messages (without a subcommand: show).")
final class LogCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Override
    public Integer call() throws ClientException {
        return show();
    }

    @Command(name = "show", description = "The root level and each logger's level, with the plugin whose packages it covers.")
    int show() throws ClientException {
        JsonObject levels = kiln.api().get("api/v1/log").getAsJsonObject();
        Table table = new Table("LOGGER", "LEVEL", "PLUGIN");
        table.row("(root)", Views.text(levels, "root"), "");
        for (JsonElement e : levels.getAsJsonArray("loggers")) {
            JsonObject l = e.getAsJsonObject();
            table.row(Views.text(l, "logger"), Views.text(l, "level"), Views.text(l, "plugin"));
        }
        return kiln.print(new Output(levels, table.text()));
    }

    @Command(name = "level", description = "Sets a level in conf/org.ops4j.pax.logging.cfg and applies it: for a plugin (the loggers "
            + "of its own packages), a logger (a package or class name), or with LEVEL alone the root level.")
    int level(@Parameters(arity = "1..2", paramLabel = "[PLUGIN|LOGGER] LEVEL",
            description = "OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE or ALL, in any case") List<String> words) throws ClientException {
        JsonObject body = new JsonObject();
        if (words.size() == 2) {
            body.addProperty("logger", words.get(0));
        }
        body.addProperty("level", words.get(words.size() - 1));
        JsonArray results = kiln.api().put("api/v1/log/level", body).getAsJsonArray();
        StringBuilder out = new StringBuilder();
        for (JsonElement e : results) {
            JsonObject r = e.getAsJsonObject();
            out.append(words.size() == 2 ? words.get(0) : "root").append(": ").append(words.get(words.size() - 1).toUpperCase(java.util.Locale.ROOT))
                    .append(", written to conf/").append(Views.text(r, "file")).append(": ").append(Views.text(r, "outcome"))
                    .append(" (").append(Views.text(r, "durationMillis")).append(" ms)");
            r.getAsJsonArray("warnings").forEach(w -> out.append("\nwarning: ").append(w.getAsString()));
        }
        return kiln.print(new Output(results, out.toString()));
    }

    @Command(name = "tail", description = "The latest messages, oldest first; with --follow, then every message as it is logged, "
            + "until Ctrl-C.")
    int tail(@Option(names = { "-n", "--lines" }, defaultValue = "20", description = "how many (1 to 1000; default ${DEFAULT-VALUE})") int lines,
            @Option(names = { "-f", "--follow" }, description = "keep printing what is logged") boolean follow) throws ClientException {
        if (lines < 1 || lines > 1000) {
            throw new ClientException("--lines takes 1 to 1000, not " + lines);
        }
        // the stream first, so that nothing logged between the two requests is missed
        HttpResponse<Stream<String>> stream = follow ? kiln.api().lines("api/v1/log/stream") : null;
        JsonArray latest = kiln.api().get("api/v1/log/lines?limit=" + lines).getAsJsonArray();
        if (!follow) {
            StringBuilder out = new StringBuilder();
            latest.forEach(e -> out.append(line(e.getAsJsonObject())).append('\n'));
            return kiln.print(new Output(latest, out.toString().stripTrailing()));
        }
        Instant last = Instant.EPOCH;
        for (JsonElement e : latest) {
            kiln.out().println(line(e.getAsJsonObject()));
            last = Instant.parse(Views.text(e.getAsJsonObject(), "time"));
        }
        Instant shown = last;
        ConsoleFollower.Events events = new ConsoleFollower.Events("line");
        try (Stream<String> sse = stream.body()) {
            // a message already printed from the latest lines may come again on the stream: only later ones are new
            sse.forEach(text -> events.data(text).filter(d -> !Instant.parse(Views.text(d, "time")).isBefore(shown)
                    && !latest.contains(d)).ifPresent(d -> kiln.out().println(line(d))));
        }
        throw new ClientException("the log stream ended: has Kiln stopped?");
    }

    static String line(JsonObject l) {
        String logger = Views.text(l, "logger");
        String exception = Views.text(l, "exception");
        return Times.timeOfDay(Instant.parse(Views.text(l, "time"))) + " [" + Views.text(l, "level") + "] "
                + logger.substring(logger.lastIndexOf('.') + 1) + " - " + Views.text(l, "message")
                + (exception.isEmpty() ? "" : " (" + exception + ")");
    }
}
