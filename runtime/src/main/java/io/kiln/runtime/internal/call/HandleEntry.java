package io.kiln.runtime.internal.call;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * One handle in the registry: the handle, what the same service is known by from one version to the next, its
 * registration, the plugin service that serves it now, and how many callers hold it. As its registration's service
 * factory, it gets the service behind when a caller binds, as DS would for a caller bound to the service directly.
 */
final class HandleEntry implements ServiceFactory<Object> {

    final ServiceHandle handle;
    final String key;
    final long provider;
    /** The plugin service registered now for this handle; {@code null} while none is. Guarded by the registry. */
    ServiceReference<?> serving;
    /** The plugin service the handle's version was got from. Guarded by the registry. */
    ServiceReference<?> served;
    private ServiceRegistration<?> registration;
    private boolean unregistered;
    private int callers;

    HandleEntry(ServiceHandle handle, String key, long provider) {
        this.handle = handle;
        this.key = key;
        this.provider = provider;
    }

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

    /** Its registration, done outside the registry's lock; undone at once if the service went meanwhile. */
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

    @Override
    public String toString() {
        return handle.toString();
    }
}
