package io.kiln.runtime.internal.call;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;

/**
 * The time a plugin is swapped in: from just before its running version stops to the transaction's end; or the time a
 * section is delivered to a plugin, until its components took it (no gate is closed then: calls wait only while a
 * component is away). Its
 * handles, and those of the plugins that depend on it, stay registered while their services go and come back;
 * calls to the plugin wait at its gate. Opened by {@link ServiceHandles#openWindow}; closed, whatever happened, by
 * {@link #close()}.
 */
public final class SwapWindow {

    private final ServiceHandles handles;
    private final Bundle plugin;
    private final List<Long> covered;
    private boolean gated;
    private boolean closed;
    private long waitsFailedBefore = -1;

    SwapWindow(ServiceHandles handles, Bundle plugin, List<Long> covered) {
        this.handles = handles;
        this.plugin = plugin;
        this.covered = List.copyOf(covered);
    }

    /**
     * To call just before the plugin's running version stops: calls that arrive from now on wait, and this waits, up
     * to {@code calls.drain.millis}, for those already running on it to return.
     *
     * @return how many calls were still running when the bound ran out (they run on, the version is stopped anyway)
     */
    public int closeGate() {
        if (waitsFailedBefore < 0) {
            waitsFailedBefore = handles.waitsFailed(plugin);
        }
        List<ServedVersion> closing = handles.closeGates(plugin, !gated);
        gated = true;
        long bound = handles.bounds().drainMillis();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(bound);
        int still = 0;
        for (ServedVersion version : closing) {
            still += version.drain(deadline, bound);
        }
        return still;
    }

    /**
     * To call once the version that is to run has started and was checked, before its dependents are: the calls that
     * waited go to it now, and the plugin's handles it does not serve are dropped, so the check sees what the
     * dependents lost.
     *
     * @return the handles dropped
     */
    public List<DroppedHandle> settle() {
        if (!gated) {
            return List.of();
        }
        gated = false;
        return handles.settle(plugin);
    }

    /** @return how many calls to the plugin failed during this window for waiting past {@code calls.wait.millis} */
    public long waitsFailed() {
        return waitsFailedBefore < 0 ? 0 : handles.waitsFailed(plugin) - waitsFailedBefore;
    }

    /**
     * The swap is over: what came back serves on; the handles nothing serves now are dropped. Closing again does
     * nothing.
     *
     * @return the handles dropped at this close; empty when every service came back under the same contract
     */
    public List<DroppedHandle> close() {
        if (closed) {
            return List.of();
        }
        closed = true;
        List<DroppedHandle> dropped = handles.closeWindow(plugin, covered, gated);
        gated = false;
        return dropped;
    }
}
