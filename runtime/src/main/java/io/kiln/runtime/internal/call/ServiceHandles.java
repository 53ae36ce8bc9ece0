package io.kiln.runtime.internal.call;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.ComponentConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.api.call.CallHandle;

/**
 * Stands a {@link ServiceHandle} in for each plugin service that can have one ({@link HandleEligibility}); the
 * service hooks ({@link HandleVisibility}) make the other plugins see the handle instead of the service.
 * <p>
 * Outside a swap, a handle comes and goes with its service, and callers are bound and unbound by DS as usual. During
 * a {@link SwapWindow}, a service of a plugin the window covers that goes away leaves its handle waiting, and the next
 * registration of the same service (same plugin, component and interfaces, and the same factory section's PID for a
 * component with one service per factory section) serves it again; while the swapped
 * plugin's gate is closed, that new registration serves only once the swap settles, after the new version was
 * checked. The window's close drops the handles nothing serves.
 */
public final class ServiceHandles implements ServiceListener {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceHandles.class);

    private final BundleContext context;
    private final HandleEligibility eligibility;
    private final CallBounds bounds;
    // guarded by this
    private final List<HandleEntry> entries = new ArrayList<>();
    private final Map<ServiceReference<?>, HandleEntry> byService = new ConcurrentHashMap<>();
    /** For each plugin, how many open windows cover it. */
    private final Map<Long, Integer> windows = new ConcurrentHashMap<>();
    /** For each plugin, how many windows have its gate closed. */
    private final Map<Long, Integer> gated = new ConcurrentHashMap<>();
    private ServiceRegistration<?> hooks;

    /**
     * @param context        Kiln's bundle context: the handles are registered under it
     * @param pluginLocation the prefix of every plugin bundle's location
     * @param bounds         the wait and drain bounds, shared by every handle
     */
    public ServiceHandles(BundleContext context, String pluginLocation, CallBounds bounds) {
        this.context = context;
        this.eligibility = new HandleEligibility(pluginLocation);
        this.bounds = bounds;
    }

    /** Starts standing in: registers the hooks and takes every plugin service already there. */
    public void open() {
        context.addServiceListener(this);
        hooks = context.registerService(new String[] { FindHook.class.getName(), EventListenerHook.class.getName() },
                new HandleVisibility(eligibility), null);
        try {
            ServiceReference<?>[] existing = context.getAllServiceReferences(null, null);
            Stream.of(existing == null ? new ServiceReference<?>[0] : existing).forEach(this::registered);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops standing in. The handles go first, while the hooks still hide the services behind them: a caller left
     * without its handle waits for the service's next registration rather than binding a service whose going it
     * would not hear of.
     */
    public void close() {
        context.removeServiceListener(this);
        List<HandleEntry> all;
        synchronized (this) {
            all = List.copyOf(entries);
            entries.clear();
        }
        for (HandleEntry entry : all) {
            entry.handle.retire("Kiln's runtime is stopping");
            entry.unregister();
        }
        if (hooks != null) {
            hooks.unregister();
        }
    }

    public CallBounds bounds() {
        return bounds;
    }

    /**
     * Opens a swap window for {@code plugin} and the plugins that depend on it: their services keep their handles
     * while they go and come back, until {@link SwapWindow#close()}.
     */
    public SwapWindow openWindow(Bundle plugin, Collection<Bundle> dependents) {
        List<Long> covered = new ArrayList<>();
        covered.add(plugin.getBundleId());
        dependents.forEach(d -> covered.add(d.getBundleId()));
        covered.forEach(id -> windows.merge(id, 1, Integer::sum));
        return new SwapWindow(this, plugin, covered);
    }

    /** Closes the gate of each handle of {@code plugin}'s services; returns the versions that served, to drain. */
    synchronized List<ServedVersion> closeGates(Bundle plugin, boolean first) {
        if (first) {
            gated.merge(plugin.getBundleId(), 1, Integer::sum);
        }
        List<ServedVersion> closed = new ArrayList<>();
        for (HandleEntry entry : entries) {
            if (entry.provider == plugin.getBundleId()) {
                ServedVersion version = entry.handle.close();
                if (version != null) {
                    closed.add(version);
                }
            }
        }
        return closed;
    }

    /**
     * The plugin's version to run has started and was checked: its gate opens on what it registered, and its handles
     * that nothing serves are dropped at once, so that the check of its dependents sees what they lost.
     */
    List<DroppedHandle> settle(Bundle plugin) {
        ungate(plugin.getBundleId());
        List<DroppedHandle> dropped = drop(List.of(plugin.getBundleId()), false);
        reopen(List.of(plugin.getBundleId()));
        return dropped;
    }

    /**
     * The end of a window: the handles of the bundles it covered (and no other window covers) that nothing serves
     * are dropped, and their callers with them; a gate still closed (a stop that did not happen) opens again.
     */
    List<DroppedHandle> closeWindow(Bundle plugin, List<Long> covered, boolean gatedHere) {
        if (gatedHere) {
            ungate(plugin.getBundleId());
        }
        List<DroppedHandle> dropped = drop(covered, true);
        reopen(covered.stream().filter(id -> !windows.containsKey(id) && !gated.containsKey(id)).toList());
        return dropped;
    }

    /** @return how many calls to the plugin's handles have failed for waiting past the bound, ever */
    synchronized long waitsFailed(Bundle plugin) {
        return entries.stream().filter(e -> e.provider == plugin.getBundleId()).mapToLong(e -> e.handle.waitsFailed()).sum();
    }

    private void ungate(long plugin) {
        gated.computeIfPresent(plugin, (k, n) -> n == 1 ? null : n - 1);
    }

    /** Each handle of these plugins whose service is registered but whose gate is closed serves again. */
    private void reopen(List<Long> plugins) {
        List<HandleEntry> opened = new ArrayList<>();
        synchronized (this) {
            for (HandleEntry entry : entries) {
                if (plugins.contains(entry.provider) && entry.serving != null && !entry.handle.serving()) {
                    serve(entry, entry.serving);
                    opened.add(entry);
                }
            }
        }
        opened.forEach(this::announce);
    }

    /** Serves the entry's handle from {@code reference}; under the registry's lock, so two threads never both do. */
    private void serve(HandleEntry entry, ServiceReference<?> reference) {
        Bundle provider = reference.getBundle();
        if (provider == null) {
            return; // gone meanwhile: its unregistering comes next
        }
        if (reference.equals(entry.served) && entry.handle.reopen()) {
            return; // the version that was there serves again: the same service object, not a second one
        }
        entry.served = reference;
        entry.handle.serve(source(reference), provider.getVersion().toString());
    }

    /** Outside the lock: the framework tells the callers, and a bound caller's delayed component activates. */
    private void announce(HandleEntry entry) {
        ServiceReference<?> reference = entry.served;
        ServiceRegistration<?> registration = entry.registration();
        if (registration != null && reference != null && reference.getBundle() != null) {
            registration.setProperties(handleProperties(reference));
        }
        if (entry.bound()) {
            entry.handle.bind();
        }
    }

    private List<DroppedHandle> drop(List<Long> covered, boolean closing) {
        List<HandleEntry> unserved = new ArrayList<>();
        List<DroppedHandle> dropped = new ArrayList<>();
        synchronized (this) {
            if (closing) {
                covered.forEach(id -> windows.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1));
            }
            for (HandleEntry entry : entries) {
                if (covered.contains(entry.provider) && (!closing || !windows.containsKey(entry.provider)) && entry.serving == null) {
                    unserved.add(entry);
                }
            }
            entries.removeAll(unserved);
            for (HandleEntry entry : unserved) {
                dropped.add(new DroppedHandle(entry.handle.plugin(), entry.handle.interfaces().stream().map(Class::getName).toList(),
                        whyNothingServes(entry)));
            }
        }
        for (int i = 0; i < unserved.size(); i++) {
            unserved.get(i).handle.retire(unserved.get(i).handle.plugin() + " dropped it: " + dropped.get(i).why());
            unserved.get(i).unregister();
        }
        return dropped;
    }

    private String whyNothingServes(HandleEntry entry) {
        Optional<HandleEntry> replacement = entries.stream()
                .filter(e -> e != entry && e.provider == entry.provider && e.key.equals(entry.key)).findFirst();
        if (replacement.isEmpty()) {
            String direct = offeredWithoutHandle(entry);
            return direct.isEmpty() ? "its version that runs now no longer offers it"
                    : "its version that runs now offers it without a handle (" + direct + ")";
        }
        String now = contract(replacement.get().handle);
        String was = contract(entry.handle);
        return now.equals(was) ? "its new version offers it from another class space (" + now + ")"
                : "its new version offers it under another contract (" + now + ", was " + was + ")";
    }

    /** @return why the plugin's service of the same name and component now has no handle; empty if it is not there */
    private String offeredWithoutHandle(HandleEntry entry) {
        try {
            ServiceReference<?>[] now = context.getServiceReferences(entry.handle.interfaces().get(0).getName(), null);
            return Stream.of(now == null ? new ServiceReference<?>[0] : now)
                    .filter(r -> r.getBundle() != null && r.getBundle().getBundleId() == entry.provider && key(r).equals(entry.key))
                    .map(HandleEligibility::whyNoHandle).filter(why -> !why.isEmpty()).findFirst().orElse("");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String contract(ServiceHandle handle) {
        return String.join(", ", handle.interfaces().stream().map(HandleEligibility::packageVersion).toList());
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        ServiceReference<?> reference = event.getServiceReference();
        switch (event.getType()) {
            case ServiceEvent.REGISTERED -> registered(reference);
            case ServiceEvent.MODIFIED -> modified(reference);
            case ServiceEvent.UNREGISTERING -> unregistering(reference);
            default -> {
                // no other kind reaches a listener without a filter
            }
        }
    }

    private void registered(ServiceReference<?> reference) {
        Optional<HandleEligibility.Contract> contract = eligibility.contract(reference);
        Bundle provider = reference.getBundle();
        if (contract.isEmpty() || provider == null) {
            return;
        }
        String key = key(reference);
        HandleEntry waiting;
        boolean serveNow;
        synchronized (this) {
            waiting = !windows.containsKey(provider.getBundleId()) ? null : entries.stream()
                    .filter(e -> e.provider == provider.getBundleId() && e.serving == null && e.key.equals(key)
                            && e.handle.interfaces().equals(contract.get().interfaces()))
                    .findFirst().orElse(null);
            // while its plugin's gate is closed, a new version serves once the swap settles, after it was checked:
            // calls then wait at the gate, bounded, not inside the framework while its component activates
            serveNow = waiting != null && !gated.containsKey(provider.getBundleId());
            if (waiting != null) {
                waiting.serving = reference;
                byService.put(reference, waiting);
                if (serveNow) {
                    serve(waiting, reference);
                }
            }
        }
        if (waiting != null) {
            if (serveNow) {
                announce(waiting);
            }
            return;
        }
        try {
            stand(reference, contract.get(), provider, key);
        } catch (RuntimeException e) {
            // the plugin's callers then find the service itself, from its next registration
            eligibility.refuse(reference);
            LOG.error("{}: no stable handle for its service {}: {}", provider.getSymbolicName(), contract.get().describe(), e.toString());
        }
    }

    /** A new handle for a service, served before its callers hear of it: one may call it as it activates. */
    private void stand(ServiceReference<?> reference, HandleEligibility.Contract contract, Bundle provider, String key) {
        ServiceHandle handle = new ServiceHandle(provider.getSymbolicName(), contract.describe(), contract.interfaces(), bounds);
        HandleEntry entry = new HandleEntry(handle, key, provider.getBundleId());
        ServiceFactory<Object> factory = factory(entry);
        synchronized (this) {
            entry.serving = reference;
            serve(entry, reference);
            entries.add(entry);
            byService.put(reference, entry);
        }
        // outside the lock: the framework tells the callers on this thread, and SCR takes locks of its own
        entry.register(context.registerService(contract.names(), factory, handleProperties(reference)));
    }

    /**
     * The entry as the service factory of its handle's registration, through a proxy defined beside the handle's: the
     * framework shows a registration only to callers whose interface the factory's class loader sees.
     */
    @SuppressWarnings("unchecked")
    private static ServiceFactory<Object> factory(HandleEntry entry) {
        return entry.handle.beside(ServiceFactory.class, (proxy, method, args) -> switch (method.getName()) {
            case "getService" -> entry.getService((Bundle) args[0], (ServiceRegistration<Object>) args[1]);
            case "ungetService" -> {
                entry.ungetService((Bundle) args[0], (ServiceRegistration<Object>) args[1], args[2]);
                yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "service factory of " + entry;
        });
    }

    private ServiceSource source(ServiceReference<?> reference) {
        return new ServiceSource() {
            @Override
            public Object get() {
                return context.getService(reference);
            }

            @Override
            public void release() {
                try {
                    context.ungetService(reference);
                } catch (IllegalStateException e) {
                    // Kiln is stopping
                }
            }
        };
    }

    private void modified(ServiceReference<?> reference) {
        HandleEntry entry = byService.get(reference);
        ServiceRegistration<?> registration = entry == null ? null : entry.registration();
        if (registration != null && reference.equals(entry.served)) {
            registration.setProperties(handleProperties(reference));
        }
    }

    private void unregistering(ServiceReference<?> reference) {
        HandleEntry entry = byService.remove(reference);
        eligibility.forget(reference);
        if (entry == null) {
            return;
        }
        boolean kept;
        synchronized (this) {
            entry.serving = null;
            kept = windows.containsKey(entry.provider);
            if (!kept) {
                entries.remove(entry);
            }
        }
        if (kept) {
            entry.handle.close(); // calls wait for the next registration (no-op if the swap closed the gate already)
            entry.handle.stopped(); // and nothing of the version that went is kept
        } else {
            Bundle provider = reference.getBundle();
            entry.handle.retire(entry.handle.plugin() + (provider == null ? "" : " " + provider.getVersion())
                    + " no longer offers it (stopped, disabled or uninstalled)");
            entry.unregister();
        }
    }

    /**
     * What the same service is known by from one version of its plugin to the next, and from one configuration of its
     * component to the next: its interfaces, its component and, for a component configured by a factory section (one
     * service each), that section's PID. Not a singleton section's PID, which a component whose section is created or
     * deleted gains or loses while it stays the same service.
     */
    private static String key(ServiceReference<?> reference) {
        Object factoryPid = reference.getProperty(ConfigurationAdmin.SERVICE_FACTORYPID);
        Object pid = reference.getProperty(Constants.SERVICE_PID);
        return String.join("|", String.join(",", Stream.of((String[]) reference.getProperty(Constants.OBJECTCLASS)).sorted().toList()),
                Objects.toString(reference.getProperty(ComponentConstants.COMPONENT_NAME), ""),
                factoryPid == null ? "" : pid instanceof String[] pids ? String.join(",", pids) : Objects.toString(pid, ""));
    }

    /** The service's own properties, less what the framework and SCR give each registration, plus the handle's. */
    private static Dictionary<String, Object> handleProperties(ServiceReference<?> reference) {
        Hashtable<String, Object> properties = new Hashtable<>();
        for (String name : reference.getPropertyKeys()) {
            if (!name.equals(Constants.OBJECTCLASS) && !name.equals(Constants.SERVICE_ID) && !name.equals(Constants.SERVICE_BUNDLEID)
                    && !name.equals(Constants.SERVICE_SCOPE) && !name.equals(ComponentConstants.COMPONENT_ID)) {
                properties.put(name, reference.getProperty(name));
            }
        }
        Bundle provider = reference.getBundle();
        properties.put(CallHandle.HANDLE, provider == null ? "" : provider.getSymbolicName());
        return properties;
    }
}
