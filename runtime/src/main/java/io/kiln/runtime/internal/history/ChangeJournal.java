package io.kiln.runtime.internal.history;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;

import java.io.IOException;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.ChangeListener;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.internal.store.RuntimeFolders;

/**
 * The one place every change is recorded — plugins, configuration sections, skills, agents: the persistent
 * history, and every {@link ChangeListener} told as it happens.
 */
@Component(service = ChangeJournal.class, configurationPid = "kiln.runtime", configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class ChangeJournal {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeJournal.class);

    /** The part of section {@code kiln.runtime} this component reads. */
    public @interface Settings {
        int history_size() default 1000;
    }

    private final HistoryJournal journal;

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    private volatile List<ChangeListener> listeners = List.of();

    @Activate
    public ChangeJournal(BundleContext context, Settings settings) throws IOException {
        journal = new HistoryJournal(RuntimeFolders.data(context).resolve("history.log"), settings.history_size());
    }

    @Modified
    void modified(Settings settings) {
        journal.keep(settings.history_size());
    }

    /**
     * Records the entry and tells every listener.
     *
     * @throws java.io.UncheckedIOException if the history cannot be written; no listener is told, so that the caller
     *                                      can tell them what it makes of that ({@link #tell})
     */
    public void record(HistoryEntry entry) {
        journal.record(entry);
        tell(entry);
    }

    /**
     * Records the entries with one write, then tells every listener of each, in order.
     *
     * @throws java.io.UncheckedIOException if the history cannot be written: none is recorded and no listener is told
     */
    public void recordAll(List<HistoryEntry> entries) {
        journal.recordAll(entries);
        entries.forEach(this::tell);
    }

    /** Tells every listener of a change without recording it: for one whose record could not be written. */
    public void tell(HistoryEntry entry) {
        for (ChangeListener listener : listeners) {
            try {
                listener.changed(entry);
            } catch (RuntimeException e) {
                LOG.warn("A change listener failed on {}: {}", entry, e.toString());
            }
        }
    }

    /** @return at most {@code limit} entries, newest first */
    public List<HistoryEntry> latest(int limit) {
        return journal.latest(limit);
    }
}
