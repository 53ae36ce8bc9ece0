package io.kiln.runtime.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every change the runtime records in its history, as it is recorded: register one as a service (the
 * whiteboard pattern). Front doors use it to stream events.
 * <p>
 * Called on the thread that made the change: return quickly, and do not call back into {@link PluginService}
 * methods that change plugins. An exception thrown here is logged and does not affect the change.
 */
@ConsumerType
public interface ChangeListener {

    /**
     * A change was recorded.
     *
     * @param entry the history entry, as {@link PluginService#history(int)} will list it
     */
    void changed(HistoryEntry entry);
}
