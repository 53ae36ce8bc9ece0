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

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.api.call.CallHandle;

/**
 * Stands a {@link ServiceHandle} in for each plugin service that can have one ({@link HandleEligibility}), and makes
 * every other plugin see the handle instead of the service: a service hook hides the service itself from other
 * plugins, and the handle from everything else (Kiln's bundles, the shell and the HTTP API see the plugin's real
 * services, and the plugin sees its own).
 * <p>
 * Outside a swap, a handle comes and goes with its service, and callers are bound and unbound by DS as usual. During
 * a {@link SwapWindow} a service of a plugin the window covers that goes away leaves its handle waiting, and the next
 * registration of the same service (same plugin, component, PID and interfaces) serves it again; the window's close
 * drops the handles nothing serves.
 */
public final class ServiceHandles implements FindHook, EventListenerHook, ServiceListener {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceHandles.class);

    /** A handle, its registration, and the service that serves it now (if any). */
    static final class Entry implements ServiceFactory<Object> {
        final ServiceHandle handle;
        final String key;
        final long provider;
        volatile ServiceReference<?> serving;
        private ServiceRegistration<?> registration;
        private boolean unregistered;
        private int callers;

        Entry(ServiceHandle handle, String key, long provider) {
            this.handle = handle;
            this.key = key;
            this.provider = provider;
        }

        /** A caller binds: the service behind is got now, as it would be for a caller bound to it directly. */
        @Override
        public Object getService(Bundle caller, ServiceRegistration<Object> registration) {
            synchronized (this) {
                callers++;
            }
            handle.bind();
            return handle.proxy();
        }

        @Override
        public void ungetService(Bundle caller, ServiceRegistration<Object> registration, Object service) {
            boolean last;
            synchronized (this) {
                last = --callers == 0;
            }
            if (last) {
                handle.unbind();
            }
        }

        synchronized boolean bound() {
            return callers > 0;
        }

        synchronized ServiceRegistration<?> registration() {
            return registration;
        }

        /** Its registration, done outside the handles' lock; undone at once if the service went meanwhile. */
        void register(ServiceRegistration<?> done) {
            boolean undo;
            synchronized (this) {
                registration = done;
                undo = unregistered;
            }
            if (undo) {
                unregisterQuietly(done);
            }
        }

        void unregister() {
            ServiceRegistration<?> done;
            synchronized (this) {
                unregistered = true;
                done = registration;
            }
            if (done != null) {
                unregisterQuietly(done);
            }
        }

        private static void unregisterQuietly(ServiceRegistration<?> registration) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // gone already
            }
        }
    }

    private final BundleContext context;
    private final HandleEligibility eligibility;
    private final CallBounds bounds;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<ServiceReference<?>, Entry> byService = new ConcurrentHashMap<>();
    private final Map<Long, Integer> windows = new ConcurrentHashMap<>();
    private final java.util.Set<Long> gated = ConcurrentHashMap.newKeySet();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    /**
     * @param context        Kiln's bundle context: the handles are registered under it
     * @param pluginLocation the prefix of every plugin bundle's location
     */
    public ServiceHandles(BundleContext context, String pluginLocation, CallBounds bounds) {
        this.context = context;
        this.eligibility = new HandleEligibility(pluginLocation);
        this.bounds = bounds;
    }

    /** Starts standing in: registers the hooks and takes every plugin service already there. */
    public void open() {
        context.addServiceListener(this);
        registrations.add(context.registerService(new String[] { FindHook.class.getName(), EventListenerHook.class.getName() },
                this, null));
        try {
            ServiceReference<?>[] existing = context.getAllServiceReferences(null, null);
            for (ServiceReference<?> reference : existing == null ? new ServiceReference<?>[0] : existing) {
                registered(reference);
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops: the hooks go, and with them the handles (the plugins stop with Kiln). */
    public void close() {
        context.removeServiceListener(this);
        registrations.forEach(ServiceRegistration::unregister);
        List<Entry> all;
        synchronized (this) {
            all = List.copyOf(entries);
            entries.clear();
        }
        for (Entry entry : all) {
            entry.handle.retire("Kiln is stopping");
            entry.unregister();
        }
    }

    public CallBounds bounds() {
        return bounds;
    }

    /**
     * Opens a swap window for {@code plugin} and the plugins that depend on it: their services keep their handles
     * while they go and come back, until {@link SwapWindow#close()}.
     */
    public SwapWindow open(Bundle plugin, Collection<Bundle> dependents) {
        List<Long> covered = new ArrayList<>();
        covered.add(plugin.getBundleId());
        dependents.forEach(d -> covered.add(d.getBundleId()));
        covered.forEach(id -> windows.merge(id, 1, Integer::sum));
        return new SwapWindow(this, plugin, covered);
    }

    /** Closes the gate of each handle of {@code plugin}'s services; returns what each served, to drain. */
    synchronized List<Object> closeGates(Bundle plugin) {
        gated.add(plugin.getBundleId());
        List<Object> closed = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.provider == plugin.getBundleId()) {
                Object target = entry.handle.close();
                if (target != null) {
                    closed.add(target);
                }
            }
        }
        return closed;
    }

    /**
     * The end of a window: the handles of the bundles it covered (and no other window covers) that nothing serves
     * are dropped, and their callers with them.
     *
     * @return each handle dropped, in words
     */
    List<DroppedHandle> closeWindow(List<Long> covered) {
        covered.forEach(gated::remove);
        List<DroppedHandle> dropped = drop(covered, true);
        // a gate closed for a stop that did not happen (the plugin was stuck), or never settled: what is there serves on
        reopen(covered.stream().filter(id -> !windows.containsKey(id)).toList());
        return dropped;
    }

    /**
     * The plugin's new version has started: its handles that nothing serves now are dropped at once, so that the
     * check of its dependents sees what they lost. Its window stays open.
     */
    List<DroppedHandle> settle(Bundle plugin) {
        gated.remove(plugin.getBundleId());
        List<DroppedHandle> dropped = drop(List.of(plugin.getBundleId()), false);
        reopen(List.of(plugin.getBundleId()));
        return dropped;
    }

    /** Each handle of these plugins whose service is registered but whose gate is closed serves again. */
    private void reopen(List<Long> plugins) {
        List<Entry> closed;
        synchronized (this) {
            closed = entries.stream().filter(e -> plugins.contains(e.provider) && e.serving != null && !e.handle.serving()).toList();
        }
        for (Entry entry : closed) {
            ServiceReference<?> reference = entry.serving;
            Bundle provider = reference.getBundle();
            if (provider != null) {
                entry.handle.serve(source(reference), provider.getVersion().toString());
                if (entry.bound()) {
                    entry.handle.bind();
                }
            }
        }
    }

    private List<DroppedHandle> drop(List<Long> covered, boolean closing) {
        List<DroppedHandle> dropped = new ArrayList<>();
        List<Entry> unserved = new ArrayList<>();
        synchronized (this) {
            if (closing) {
                for (Long id : covered) {
                    windows.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1);
                }
            }
            for (Entry entry : entries) {
                if (covered.contains(entry.provider) && (!closing || !windows.containsKey(entry.provider))) {
                    if (entry.serving == null) {
                        unserved.add(entry);
                    }
                }
            }
            entries.removeAll(unserved);
        }
        for (Entry entry : unserved) {
            boolean replaced = replacementOf(entry).isPresent();
            String why = replaced ? "its new version offers it under another contract ("
                    + replacementOf(entry).map(e -> contract(e.handle)).orElse("") + ", was " + contract(entry.handle) + ")"
                    : "its version that runs now no longer offers it";
            entry.handle.retire(entry.handle.plugin() + " dropped it: " + why);
            entry.unregister();
            dropped.add(new DroppedHandle(entry.handle.plugin(), entry.handle.interfaces().stream().map(Class::getName).toList(), why));
        }
        return dropped;
    }

    private synchronized Optional<Entry> replacementOf(Entry entry) {
        return entries.stream().filter(e -> e != entry && e.provider == entry.provider && e.key.equals(entry.key)).findFirst();
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
                // no other kind
            }
        }
    }

    private void registered(ServiceReference<?> reference) {
        Optional<HandleEligibility.Contract> contract = eligibility.contract(reference);
        Bundle provider = reference.getBundle();
        if (contract.isEmpty() || provider == null) {
            return;
        }
        String version = provider.getVersion().toString();
        String key = key(reference);
        Entry waiting;
        synchronized (this) {
            waiting = !windows.containsKey(provider.getBundleId()) ? null : entries.stream()
                    .filter(e -> e.provider == provider.getBundleId() && e.serving == null && e.key.equals(key)
                            && e.handle.interfaces().equals(contract.get().interfaces()))
                    .findFirst().orElse(null);
            if (waiting != null) {
                waiting.serving = reference;
                byService.put(reference, waiting);
            }
        }
        if (waiting != null && gated.contains(provider.getBundleId())) {
            // the plugin is being swapped: calls wait until the version now starting is checked and the swap settles,
            // rather than inside the framework while its component activates, where no bound holds
            return;
        }
        // the handle serves before its callers hear of it: one may call it as it activates, on this thread
        if (waiting != null) {
            waiting.handle.serve(source(reference), version);
            if (waiting.bound()) {
                waiting.handle.bind(); // its callers are bound already: the new version's component activates now
            }
            ServiceRegistration<?> registration = waiting.registration();
            if (registration != null) {
                registration.setProperties(handleProperties(reference));
            }
            return;
        }
        ServiceHandle handle = new ServiceHandle(provider.getSymbolicName(), contract.get().describe(), contract.get().interfaces(), bounds);
        handle.serve(source(reference), version);
        Entry entry = new Entry(handle, key, provider.getBundleId());
        entry.serving = reference;
        synchronized (this) {
            entries.add(entry);
            byService.put(reference, entry);
        }
        // outside the lock: the framework tells the callers on this thread, and SCR takes locks of its own
        entry.register(context.registerService(contract.get().names(), factory(entry), handleProperties(reference)));
    }

    /**
     * The entry as the service factory of its handle's registration, through a proxy defined beside the handle's: the
     * framework shows a registration only to callers whose interface the factory's class loader sees.
     */
    @SuppressWarnings("unchecked")
    private static ServiceFactory<Object> factory(Entry entry) {
        return entry.handle.beside(ServiceFactory.class, (proxy, method, args) -> switch (method.getName()) {
            case "getService" -> entry.getService((Bundle) args[0], (ServiceRegistration<Object>) args[1]);
            case "ungetService" -> {
                entry.ungetService((Bundle) args[0], (ServiceRegistration<Object>) args[1], args[2]);
                yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "service factory of " + entry.handle;
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
        Entry entry = byService.get(reference);
        if (entry != null) {
            ServiceRegistration<?> registration = entry.registration();
            if (registration != null) {
                registration.setProperties(handleProperties(reference));
            }
        }
    }

    private void unregistering(ServiceReference<?> reference) {
        eligibility.forget(reference);
        Entry entry = byService.remove(reference);
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
            entry.handle.close(); // calls wait for the next registration
        } else {
            Bundle provider = reference.getBundle();
            entry.handle.retire(entry.handle.plugin() + (provider == null ? "" : " " + provider.getVersion())
                    + " no longer offers it (stopped, disabled or uninstalled)");
            entry.unregister();
        }
    }

    /** What the same service is known by from one version of its plugin to the next. */
    private static String key(ServiceReference<?> reference) {
        return String.join("|", String.join(",", (String[]) reference.getProperty(Constants.OBJECTCLASS)),
                Objects.toString(reference.getProperty("component.name"), ""),
                Objects.toString(reference.getProperty(Constants.SERVICE_PID), ""));
    }

    /** The service's own properties, less what the framework and SCR give each registration, plus the handle's. */
    private static Dictionary<String, Object> handleProperties(ServiceReference<?> reference) {
        Hashtable<String, Object> properties = new Hashtable<>();
        for (String name : reference.getPropertyKeys()) {
            if (!name.equals(Constants.OBJECTCLASS) && !name.equals(Constants.SERVICE_ID) && !name.equals(Constants.SERVICE_BUNDLEID)
                    && !name.equals(Constants.SERVICE_SCOPE) && !name.equals("component.id")) {
                properties.put(name, reference.getProperty(name));
            }
        }
        Bundle provider = reference.getBundle();
        properties.put(CallHandle.HANDLE, provider == null ? "" : provider.getSymbolicName());
        return properties;
    }

    // --- the hooks: who sees what

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
        if (!isHandle(reference) && !eligibility.isPlugin(reference.getBundle())) {
            return; // the cheap way out for most events
        }
        listeners.keySet().removeIf(listener -> {
            Bundle bundle = listener.getBundle();
            return bundle.getBundleId() != 0 && hidden(reference, bundle, eligibility.isPlugin(bundle));
        });
    }

    private boolean hidden(ServiceReference<?> reference, Bundle asker, boolean askerIsPlugin) {
        if (isHandle(reference)) {
            // a handle is for the other plugins
            return !askerIsPlugin || asker.getSymbolicName().equals(reference.getProperty(CallHandle.HANDLE));
        }
        // a plugin's service with a handle is for its own plugin and for Kiln
        return askerIsPlugin && reference.getBundle() != asker && eligibility.contract(reference).isPresent();
    }

    private boolean isHandle(ServiceReference<?> reference) {
        return reference.getProperty(CallHandle.HANDLE) != null && reference.getBundle() == context.getBundle();
    }
}
