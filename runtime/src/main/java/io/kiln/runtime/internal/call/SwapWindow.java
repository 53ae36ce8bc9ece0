package io.kiln.runtime.internal.call;

import java.util.List;

import org.osgi.framework.Bundle;

/**
 * The time a plugin is swapped in: from just before its running version stops to the transaction's end. Its
 * handles, and those of the plugins that depend on it, stay registered while their services go and come back;
 * calls to the plugin wait at its gate. Opened by {@link ServiceHandles#open(Bundle, java.util.Collection)}.
 */
public final class SwapWindow {

    private final ServiceHandles handles;
    private final Bundle plugin;
    private final List<Long> covered;
    private boolean closed;

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
        List<Object> closed = handles.closeGates(plugin);
        long deadline = System.nanoTime() + handles.bounds().drainMillis() * 1_000_000;
        int still = 0;
        for (Object target : closed) {
            still += ServiceHandle.drain(target, Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
        }
        return still;
    }

    /**
     * To call once the version that is to run has started, before its dependents are checked: the plugin's handles
     * its new version does not serve are dropped now, so the check sees what the dependents lost.
     *
     * @return the handles dropped
     */
    public List<DroppedHandle> settle() {
        return handles.settle(plugin);
    }

    /**
     * The swap is over: what came back serves on; the handles nothing serves now are dropped.
     *
     * @return the handles dropped; empty when every service came back under the same contract
     */
    public List<DroppedHandle> close() {
        if (closed) {
            return List.of();
        }
        closed = true;
        return handles.closeWindow(covered);
    }
}
