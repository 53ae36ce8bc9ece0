package io.kiln.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The open Server-Sent Events streams of one servlet: each opened by a request and kept open, all written on one
 * thread of their own (never the thread of whoever has news), a comment every 15 s keeps idle ones open and finds
 * closed ones.
 */
final class EventStreams implements AutoCloseable {

    private final int max;
    private final List<AsyncContext> streams = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService writer;

    EventStreams(String threadName, int max) {
        this.max = max;
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        writer.scheduleWithFixedDelay(() -> write(": keep-alive\n\n"), 15, 15, TimeUnit.SECONDS);
    }

    /**
     * Answers the request with a stream that stays open.
     *
     * @param greeting the first lines sent: a comment, and how long a client waits before it reconnects
     * @throws ApiException 503 if as many streams as allowed are open
     */
    void open(HttpServletRequest request, HttpServletResponse response, String greeting) throws IOException {
        if (streams.size() >= max) {
            throw new ApiException(503, "too many streams", "at most " + max + " event streams may be open at once");
        }
        response.setStatus(200);
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        response.getOutputStream().write(greeting.getBytes(StandardCharsets.UTF_8));
        response.flushBuffer();
        streams.add(async);
    }

    boolean isEmpty() {
        return streams.isEmpty();
    }

    /** Sends the text (one or more events, each ending with a blank line) to every stream, on the writer's thread. */
    void send(String text) {
        if (!streams.isEmpty()) {
            writer.execute(() -> write(text));
        }
    }

    private void write(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (AsyncContext stream : streams) {
            try {
                stream.getResponse().getOutputStream().write(bytes);
                stream.getResponse().flushBuffer();
            } catch (IOException | IllegalStateException gone) {
                streams.remove(stream);
                complete(stream);
            }
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
        streams.forEach(EventStreams::complete);
        streams.clear();
    }

    private static void complete(AsyncContext stream) {
        try {
            stream.complete();
        } catch (IllegalStateException alreadyDone) {
            // the client went away first
        }
    }
}
