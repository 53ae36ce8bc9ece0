package io.kiln.runtime.internal.call;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;

import io.kiln.api.call.CallHandle;

/**
 * Who sees what: a plugin service with a handle is seen by its own plugin and by everything that is not a plugin
 * (Kiln's bundles, the shell, the HTTP API); other plugins see its handle instead, and only they do. One exception
 * keeps a caller from holding a service it cannot hear go: a bundle that uses the service itself (bound before the
 * hooks were there) still hears of its changes and its going.
 */
public final class HandleVisibility implements FindHook, EventListenerHook {

    /** Kiln's own bundle, which registers the handles; {@code null} outside a framework. */
    private static final Bundle KILN = FrameworkUtil.getBundle(HandleVisibility.class);

    private final HandleEligibility eligibility;

    HandleVisibility(HandleEligibility eligibility) {
        this.eligibility = eligibility;
    }

    /** @return whether the reference is one of Kiln's handles, not a plugin's own service */
    public static boolean isHandle(ServiceReference<?> reference) {
        Bundle registrant = reference.getBundle();
        return reference.getProperty(CallHandle.HANDLE) != null && registrant != null && registrant.equals(KILN);
    }

    @Override
    public void find(BundleContext asker, String name, String filter, boolean allServices, Collection<ServiceReference<?>> references) {
        Bundle bundle = asker.getBundle();
        if (bundle.getBundleId() == 0) {
            return;
        }
        boolean plugin = eligibility.isPlugin(bundle);
        references.removeIf(reference -> hidden(reference, bundle, plugin));
    }

    @Override
    public void event(ServiceEvent event, Map<BundleContext, Collection<ListenerInfo>> listeners) {
        ServiceReference<?> reference = event.getServiceReference();
        boolean handle = isHandle(reference);
        if (!handle && !eligibility.isPlugin(reference.getBundle())) {
            return; // the cheap way out for most events
        }
        List<Bundle> users = handle || event.getType() == ServiceEvent.REGISTERED ? List.of() : usersOf(reference);
        listeners.keySet().removeIf(listener -> {
            Bundle bundle = listener.getBundle();
            return bundle.getBundleId() != 0 && !users.contains(bundle) && hidden(reference, bundle, eligibility.isPlugin(bundle));
        });
    }

    private static List<Bundle> usersOf(ServiceReference<?> reference) {
        Bundle[] users = reference.getUsingBundles();
        return users == null ? List.of() : List.of(users);
    }

    private boolean hidden(ServiceReference<?> reference, Bundle asker, boolean askerIsPlugin) {
        if (isHandle(reference)) {
            // a handle is for the other plugins
            return !askerIsPlugin || Objects.equals(asker.getSymbolicName(), reference.getProperty(CallHandle.HANDLE));
        }
        // a plugin's service with a handle is for its own plugin and for Kiln
        return askerIsPlugin && !asker.equals(reference.getBundle()) && eligibility.contract(reference).isPresent();
    }
}
