package io.kiln.runtime.internal.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.BundleWiring;

import io.kiln.runtime.api.DependentChange;

/**
 * Plugins that are enabled but stayed unresolved when what they need went away (an uninstall leaves its dependents
 * so): once new plugins are installed, they are resolved again where they can be and started, each reported as a
 * dependent of what it now uses.
 */
final class WaitingPlugins {

    private final DeployContext kiln;

    WaitingPlugins(DeployContext kiln) {
        this.kiln = kiln;
    }

    /**
     * @param installed the plugins just installed and started
     * @return each plugin that waited and was started, and whether it runs
     */
    List<DependentChange> startFor(Collection<Bundle> installed) {
        List<Bundle> enabled = kiln.pluginBundles().stream().filter(b -> !installed.contains(b))
                .filter(b -> kiln.records.plugin(b.getSymbolicName()).map(PluginRecord::enabled).orElse(false)).toList();
        List<Bundle> unresolved = enabled.stream().filter(b -> b.getState() == Bundle.INSTALLED).toList();
        List<Bundle> resolved = new ArrayList<>(kiln.resolveCheck.resolveWhatCan(unresolved));
        // resolved already, by the framework as it resolved the new plugin (which it may do for a bundle that waits
        // for it), but not started: waiting just the same
        enabled.stream().filter(b -> b.getState() == Bundle.RESOLVED && !resolved.contains(b) && providerIn(b, installed) != null)
                .forEach(resolved::add);
        List<DependentChange> started = new ArrayList<>();
        if (resolved.isEmpty()) {
            return started; // the usual case: no graph to build
        }
        for (Bundle bundle : new DependencyGraph(resolved).startOrder(resolved)) {
            String problem = "";
            try {
                kiln.lifecycle.start(bundle);
                kiln.verifier.verify(bundle, Map.of());
            } catch (BundleException | StuckException | VerificationException e) {
                problem = e.getMessage();
            }
            Bundle provider = providerIn(bundle, installed);
            String name = provider != null ? provider.getSymbolicName()
                    : String.join(", ", installed.stream().map(Bundle::getSymbolicName).toList());
            started.add(new DependentChange(bundle.getSymbolicName(), "was waiting for what " + name
                    + " provides: resolved and started again", problem));
        }
        return started;
    }

    /** @return the first of {@code providers} the bundle is wired to, or {@code null} */
    private static Bundle providerIn(Bundle bundle, Collection<Bundle> providers) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return null;
        }
        return wiring.getRequiredWires(null).stream().map(w -> w.getProvider().getBundle()).filter(providers::contains)
                .findFirst().orElse(null);
    }
}
