package io.kiln.bench;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Kiln's Server-Sent Events stream ({@code GET /api/v1/events}), read on its own thread: each {@code change}
 * event's JSON with the instant (epoch microseconds) the harness read it. Push, so the instant is when Kiln
 * reported the change, plus the loopback hop.
 */
final class EventStream implements Closeable {

    /** One {@code change} event: when it arrived, and its JSON data. */
    record Event(long arrivedMicros, String json) {
    }

    private final InputStream body;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    EventStream(InputStream body) {
        this.body = body;
        Thread reader = new Thread(this::read, "kiln events");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String type = "";
            for (String line; (line = in.readLine()) != null; ) {
                long now = Micros.now();
                if (line.startsWith("event:")) {
                    type = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:") && type.equals("change")) {
                    events.add(new Event(now, line.substring("data:".length()).strip()));
                } else if (line.isEmpty()) {
                    type = "";
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** Drops every event received so far. */
    void clear() {
        events.clear();
    }

    /** @return the first event received from now on that matches, or empty after {@code timeout} */
    Optional<Event> await(Predicate<String> json, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event event = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (event == null) {
                return Optional.empty();
            }
            if (json.test(event.json())) {
                return Optional.of(event);
            }
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
