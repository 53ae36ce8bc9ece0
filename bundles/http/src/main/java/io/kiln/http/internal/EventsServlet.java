package io.kiln.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.kiln.runtime.api.HistoryEntry;

/**
 * {@code GET /api/v1/events}: a Server-Sent Events stream of every change (reloads, installs, rollbacks, rejections),
 * one {@code change} event each, plus a {@code log} event with a human-readable line; and, when Kiln runs from its
 * launcher, every line of the process's console (Kiln's and the plugins' log) as a {@code console} event. A comment
 * every 15 s keeps idle connections open and finds closed ones.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/events")
@HttpWhiteboardServletAsyncSupported
public final class EventsServlet extends ApiServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_STREAMS = 64;

    private final transient List<AsyncContext> streams = new CopyOnWriteArrayList<>();
    private final transient ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "kiln-http-events");
        thread.setDaemon(true);
        return thread;
    });
    private final transient EventHub.Subscription subscription;
    private final AtomicLong ids = new AtomicLong();

    private final transient Routes routes;

    @Activate
    public EventsServlet(@Reference EventHub hub, @Reference ApiSettings settings) {
        subscription = hub.subscribe(entry -> writer.execute(() -> broadcast(entry)));
        writer.scheduleWithFixedDelay(() -> send(": keep-alive\n\n"), 15, 15, TimeUnit.SECONDS);
        this.routes = new Routes("/api/v1/events").get("", c -> open(c.request(), c.response()));
    }

    /** The launcher's console, line by line: a JDK publisher, the one type the launcher and this bundle share. */
    @Reference(service = Flow.Publisher.class, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(kiln.log=console)")
    void bindConsole(Flow.Publisher<String> console) {
        console.subscribe(new ConsoleSubscriber());
    }

    void unbindConsole(Flow.Publisher<String> console) {
        Flow.Subscription current = consoleSubscription;
        if (current != null) {
            current.cancel();
        }
    }

    private transient volatile Flow.Subscription consoleSubscription;

    /** Forwards each console line to the open streams, off the thread that wrote it. */
    private final class ConsoleSubscriber implements Flow.Subscriber<String> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            consoleSubscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!streams.isEmpty()) {
                writer.execute(() -> send("event: console\ndata: " + Json.write(Map.of("line", line)) + "\n\n"));
            }
        }

        @Override
        public void onError(Throwable failure) {
            consoleSubscription = null;
        }

        @Override
        public void onComplete() {
            consoleSubscription = null;
        }
    }

    @Deactivate
    void deactivate() {
        Flow.Subscription current = consoleSubscription;
        if (current != null) {
            current.cancel();
        }
        subscription.close();
        writer.shutdownNow();
        streams.forEach(EventsServlet::complete);
        streams.clear();
    }

    @Override
    protected Routes routes() {
        return routes;
    }

    private void open(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (streams.size() >= MAX_STREAMS) {
            throw new ApiException(503, "too many streams", "at most " + MAX_STREAMS + " event streams may be open at once");
        }
        response.setStatus(200);
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        response.getOutputStream().write(": kiln events\nretry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
        response.flushBuffer();
        streams.add(async);
    }

    private void broadcast(HistoryEntry entry) {
        long id = ids.incrementAndGet();
        Map<String, Object> change = Json.history(entry);
        change.put("kind", kind(entry));
        send("id: " + id + "\nevent: change\ndata: " + Json.write(change) + "\n\n"
                + "event: log\ndata: " + Json.write(Map.of("line", line(entry))) + "\n\n");
    }

    static String kind(HistoryEntry entry) {
        return switch (entry.outcome()) {
            case REJECTED -> "rejection";
            case ROLLED_BACK -> "rollback";
            case FAILED -> "failure";
            default -> entry.action().label();
        };
    }

    static String line(HistoryEntry e) {
        String versions = e.toVersion().isEmpty() || e.toVersion().equals(e.fromVersion()) ? e.fromVersion() : e.fromVersion() + " -> " + e.toVersion();
        String text = e.time() + " " + e.action().label() + " " + e.name() + " " + versions + ": " + e.outcome() + " (" + e.durationMillis()
                + " ms, by " + e.trigger().label() + ")";
        return e.error().isEmpty() ? text : text + " - " + e.error().lines().findFirst().orElse("");
    }

    private void send(String text) {
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

    private static void complete(AsyncContext stream) {
        try {
            stream.complete();
        } catch (IllegalStateException alreadyDone) {
            // the client went away first
        }
    }
}
