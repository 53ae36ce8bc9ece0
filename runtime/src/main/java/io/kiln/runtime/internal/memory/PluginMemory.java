package io.kiln.runtime.internal.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Leftover;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.RetainedRevision;
import io.kiln.runtime.api.Subject;
import io.kiln.runtime.api.Trigger;
import io.kiln.runtime.internal.history.ChangeJournal;

/**
 * What the reload engine asks about memory: what a plugin left behind as it stopped (cleaned up where that is safe),
 * and which retired revisions are still in memory after their grace period. A retained revision is recorded once in
 * the history, as a {@link Action#LEAK}.
 */
public final class PluginMemory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.kiln.runtime");

    /**
     * @param grace            how long a retired revision may stay in memory before it is reported
     * @param threadWaitMillis how long, in all, a stopped plugin's interrupted threads have to end
     * @param gcFirst          whether to ask for a full collection before a revision is reported
     */
    public record Settings(Duration grace, long threadWaitMillis, boolean gcFirst) {
    }

    private final ChangeJournal history;
    private final LeftoverFinder finder;
    private final RetiredRevisions retired;
    private volatile Settings settings;

    public PluginMemory(ChangeJournal history, Settings settings) {
        this.history = history;
        this.settings = settings;
        JdkInternals jdk = new JdkInternals();
        jdk.unavailable().forEach(what -> LOG.warn("Leftovers of stopped plugins: {}", what));
        finder = new LeftoverFinder(jdk);
        retired = new RetiredRevisions(finder, settings.grace(), settings.gcFirst(), this::report);
    }

    public void settings(Settings changed) {
        this.settings = changed;
        retired.settings(changed.grace(), changed.gcFirst());
    }

    /**
     * Call right after the plugin's bundle stopped, before it is updated, uninstalled or refreshed: finds what it left
     * behind and cleans up what can be, and watches the stopped revision's class loader from then on.
     *
     * @return what it left behind and what was done about each; empty for a plugin that cleans up after itself
     */
    public List<Leftover> stopped(Bundle bundle) {
        Optional<PluginCode> code = PluginCode.current(bundle);
        if (code.isEmpty()) {
            return List.of();
        }
        List<Leftover> left = finder.clean(code.get(), settings.threadWaitMillis());
        retired.watch(code.get(), bundle.adapt(BundleWiring.class));
        return left;
    }

    /** @return the retired revisions reported as still in memory, until each is collected */
    public List<RetainedRevision> retained() {
        return retired.retained();
    }

    /** @return how many stopped revisions' class loaders are watched and still in memory, reported or not */
    public int watching() {
        return retired.watching();
    }

    private void report(RetainedRevision revision) {
        String why = "its class loader is still in memory " + settings.grace().toSeconds() + " s after it stopped; held by: "
                + String.join("; ", revision.holders());
        LOG.warn("{} {}: {}", revision.plugin(), revision.version(), why);
        try {
            history.record(new HistoryEntry(Instant.now(), Subject.PLUGIN, revision.plugin(), Trigger.MEMORY, Action.LEAK,
                    revision.version(), "", Outcome.FAILED, 0, why, List.of(), List.of(), 0, 0));
        } catch (java.io.UncheckedIOException e) {
            LOG.error("{} {}: cannot record that it is retained: {}", revision.plugin(), revision.version(), e.getMessage());
        }
    }

    @Override
    public void close() {
        retired.close();
    }
}
