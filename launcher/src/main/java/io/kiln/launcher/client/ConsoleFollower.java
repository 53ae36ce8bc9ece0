package io.kiln.launcher.client;

import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * When dev mode drives a Kiln it did not start, the Kiln's console (its own and its plugins' log lines) comes from
 * the event stream, {@code GET /api/v1/events}: each {@code console} event's line is printed as it arrives.
 */
final class ConsoleFollower implements AutoCloseable {

    private final ApiClient api;
    private final PrintStream out;
    private volatile Stream<String> lines;
    private volatile boolean closed;

    ConsoleFollower(ApiClient api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    /** Opens the stream and follows it on a thread of its own. */
    void start() throws ClientException {
        HttpResponse<Stream<String>> response = api.lines("api/v1/events");
        lines = response.body();
        Thread reader = new Thread(this::follow, "kiln-dev-console");
        reader.setDaemon(true);
        reader.start();
    }

    private void follow() {
        Events events = new Events();
        try {
            lines.forEach(line -> events.accept(line).ifPresent(out::println));
        } catch (RuntimeException e) {
            // the connection broke
        }
        if (!closed) {
            out.println("Kiln's event stream ended (has it stopped?): no more console lines");
        }
    }

    /** Server-Sent Events, one line at a time: the data of each event of one name, as a JSON object. */
    static final class Events {
        private final String wanted;
        private String event = "message";

        /** The console's lines: each {@code console} event's {@code line}. */
        Events() {
            this("console");
        }

        Events(String wanted) {
            this.wanted = wanted;
        }

        /** @return the line of a {@code console} event's data, once its data line arrives */
        Optional<String> accept(String line) {
            return data(line).filter(d -> d.has("line")).map(d -> d.get("line").getAsString());
        }

        /** @return the data of a wanted event, once its data line arrives */
        Optional<JsonObject> data(String line) {
            if (line.isEmpty()) {
                event = "message";
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:") && event.equals(wanted)) {
                try {
                    var data = JsonParser.parseString(line.substring(5).strip());
                    if (data.isJsonObject()) {
                        return Optional.of(data.getAsJsonObject());
                    }
                } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        closed = true;
        Stream<String> current = lines;
        if (current != null) {
            current.close();
        }
    }
}
