package io.kiln.runtime.internal.deploy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

import io.kiln.api.call.CallHandle;
import io.kiln.runtime.internal.call.HandleVisibility;

/**
 * The plugins that use one plugin, directly or through others, found from the plugin outward: what is wired to it,
 * what uses its services, what uses the handles Kiln registered for them. A change to one plugin then costs what its
 * dependents cost, not what every installed plugin costs, since no other plugin's wiring or services are read.
 */
final class PluginUsers {

    private final DeployContext kiln;

    PluginUsers(DeployContext kiln) {
        this.kiln = kiln;
    }

    /** @return the plugin and every plugin that depends on it, directly or not, the plugin first */
    Set<Bundle> withPlugin(Bundle plugin) {
        Set<Bundle> found = new LinkedHashSet<>();
        found.add(plugin);
        Deque<Bundle> todo = new ArrayDeque<>(found);
        while (!todo.isEmpty()) {
            for (Bundle user : directUsers(todo.pop())) {
                if (found.add(user)) {
                    todo.push(user);
                }
            }
        }
        return found;
    }

    private Set<Bundle> directUsers(Bundle provider) {
        Set<Bundle> users = new LinkedHashSet<>();
        BundleWiring wiring = provider.adapt(BundleWiring.class);
        if (wiring != null) {
            for (BundleWire wire : wiring.getProvidedWires(null)) {
                addPlugin(users, wire.getRequirer().getBundle());
            }
        }
        addUsers(users, provider.getRegisteredServices());
        // Kiln's handles of the provider's services stand for it; Kiln registers them all, so only their names are read
        ServiceReference<?>[] kilns = kiln.context.getBundle().getRegisteredServices();
        if (kilns != null) {
            for (ServiceReference<?> reference : kilns) {
                if (HandleVisibility.isHandle(reference) && provider.getSymbolicName().equals(reference.getProperty(CallHandle.HANDLE))) {
                    addUsers(users, new ServiceReference<?>[] { reference });
                }
            }
        }
        users.remove(provider);
        return users;
    }

    private static void addUsers(Set<Bundle> users, ServiceReference<?>[] references) {
        if (references == null) {
            return;
        }
        for (ServiceReference<?> reference : references) {
            Bundle[] using = reference.getUsingBundles();
            if (using != null) {
                for (Bundle bundle : using) {
                    addPlugin(users, bundle);
                }
            }
        }
    }

    private static void addPlugin(Set<Bundle> users, Bundle bundle) {
        if (bundle != null && bundle.getLocation().startsWith(DeployContext.LOCATION)) {
            users.add(bundle);
        }
    }
}
