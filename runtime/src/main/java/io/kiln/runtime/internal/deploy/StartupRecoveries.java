package io.kiln.runtime.internal.deploy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the start-up reconciliation put right as this Kiln started, kept for the status (until the next start) and
 * logged as it happens: one line per plugin, naming it and what was done.
 */
final class StartupRecoveries {

    private static final Logger LOG = LoggerFactory.getLogger(StartupRecoveries.class);

    private final List<String> lines = new CopyOnWriteArrayList<>();

    /** Records and logs one recovery; {@code line} names the plugin first. */
    void recovered(String line) {
        lines.add(line);
        LOG.warn("Recovered at start: {}", line);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}
