package io.kiln.runtime.internal.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.internal.call.DroppedHandle;
import io.kiln.runtime.internal.call.SwapWindow;

/**
 * One plugin's swap as a transaction goes through it, for an update, a rollback and a reload alike: a
 * {@link SwapWindow} from before the running version stops to the end; each stop drains the calls running on it
 * first; the version that starts serves the calls that waited once it was checked, and is checked again once its
 * callers' delayed components activate; the end says which dependents restarted and why. Closed in a
 * {@code finally}: a window left open would hold the plugin's callers at its gate for good.
 */
final class PluginSwap implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginSwap.class);

    private final DeployContext kiln;
    private final Bundle plugin;
    private final DependentPlugins dependents;
    private final SwapWindow window;
    private final List<DroppedHandle> dropped = new ArrayList<>();

    PluginSwap(DeployContext kiln, Bundle plugin, DependentPlugins dependents) {
        this.kiln = kiln;
        this.plugin = plugin;
        this.dependents = dependents;
        this.window = kiln.handles.openWindow(plugin, dependents.bundles());
    }

    /** Stops the running version once the calls running on it have returned, or the drain's bound ran out. */
    void stop() throws BundleException, StuckException {
        int running = window.closeGate();
        if (running > 0) {
            LOG.warn("{} {}: {} call(s) still running after the {} ms drain (calls.drain.millis); stopped under them",
                    plugin.getSymbolicName(), plugin.getVersion(), running, kiln.handles.bounds().drainMillis());
        }
        kiln.lifecycle.stop(plugin);
    }

    /**
     * The version started and checked serves the calls that waited, and what it does not serve is dropped, before
     * the dependents are checked; then it is checked again, since a delayed component its callers are bound to
     * activates only now.
     */
    void settle(boolean enabled, Map<String, Integer> before) throws VerificationException {
        dropped.addAll(window.settle());
        if (enabled) {
            kiln.verifier.verify(plugin, before);
        }
    }

    /**
     * Ends the swap.
     *
     * @param changes   what the swap did to each dependent
     * @param refreshed whether the plugin was refreshed (what is wired to it was then refreshed too)
     * @return the same, each dependent the swap restarted saying why
     */
    List<DependentChange> end(List<DependentChange> changes, boolean refreshed) {
        long failed = window.waitsFailed();
        if (failed > 0) {
            LOG.warn("{}: {} call(s) to it waited longer than calls.wait.millis ({} ms) while it was swapped, and failed",
                    plugin.getSymbolicName(), failed, kiln.handles.bounds().waitMillis());
        }
        dropped.addAll(window.close());
        return dependents.withRestarts(changes, refreshed, dropped);
    }

    @Override
    public void close() {
        window.close();
    }
}
