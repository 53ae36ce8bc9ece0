package io.kiln.http.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.ChangeListener;
import io.kiln.runtime.api.HistoryEntry;

/** Told of every change the runtime records; passes it on to the event streams and to requests awaiting a verdict. */
@Component(service = { ChangeListener.class, EventHub.class }, immediate = true)
public final class EventHub implements ChangeListener {

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    private final List<Consumer<HistoryEntry>> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public void changed(HistoryEntry entry) {
        for (Consumer<HistoryEntry> subscriber : subscribers) {
            try {
                subscriber.accept(entry);
            } catch (RuntimeException e) {
                LOG.warn("an event subscriber failed on {}", entry, e);
            }
        }
    }

    /** @return call {@link AutoCloseable#close()} to stop receiving */
    Subscription subscribe(Consumer<HistoryEntry> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** A subscription; closing it ends it. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
