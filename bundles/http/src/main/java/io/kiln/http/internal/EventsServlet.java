package io.kiln.http.internal;

import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;

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

    private final transient EventStreams streams = new EventStreams("kiln-http-events", MAX_STREAMS);
    private final transient EventHub.Subscription subscription;
    private final AtomicLong ids = new AtomicLong();

    private final transient Routes routes;

    @Activate
    public EventsServlet(@Reference EventHub hub, @Reference ApiSettings settings) {
        subscription = hub.subscribe(this::broadcast);
        this.routes = new Routes("/api/v1/events").get("", c -> streams.open(c.request(), c.response(), ": kiln events\nretry: 2000\n\n"));
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
                streams.send("event: console\ndata: " + Json.write(Map.of("line", line)) + "\n\n");
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
        streams.close();
    }

    @Override
    protected Routes routes() {
        return routes;
    }

    private void broadcast(HistoryEntry entry) {
        long id = ids.incrementAndGet();
        Map<String, Object> change = Json.history(entry);
        change.put("kind", kind(entry));
        streams.send("id: " + id + "\nevent: change\ndata: " + Json.write(change) + "\n\n"
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
}
