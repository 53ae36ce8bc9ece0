package io.kiln.sample.counter.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.api.state.PluginState;
import io.kiln.sample.counter.Counter;

/**
 * Counts, and hands the count to its next version: loads it as it activates, saves it as it deactivates.
 * {@code sample:increment} adds one, {@code sample:count} shows it.
 */
@Component(immediate = true, property = { "osgi.command.scope=sample", "osgi.command.function=increment",
        "osgi.command.function=count" })
public final class PersistentCounter implements Counter {

    static final String COUNT = "count";

    private static final Logger LOG = LoggerFactory.getLogger(PersistentCounter.class);

    private final PluginState state;
    private final AtomicLong count;

    @Activate
    public PersistentCounter(@Reference PluginState state) {
        this.state = state;
        Object saved = state.load().get(COUNT);
        this.count = new AtomicLong(saved instanceof Number n ? n.longValue() : 0);
        LOG.info("counter starts at {}", count.get());
    }

    @Deactivate
    void deactivate() {
        state.save(Map.of(COUNT, count.get()));
        LOG.info("counter saved at {}", count.get());
    }

    @Override
    public long increment() {
        return count.incrementAndGet();
    }

    @Override
    public long value() {
        return count.get();
    }

    /** The {@code sample:count} shell command. */
    public long count() {
        return value();
    }
}
