package io.kiln.runtime.internal.call;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.kiln.api.call.CallHandle;
import io.kiln.api.call.ReloadInProgressException;
import io.kiln.api.call.ServiceGoneException;

/**
 * One stable handle: the object a plugin's callers hold in place of one of its services, forwarding each call to
 * the version that serves now. A swap closes its gate ({@link #close}), waits for the calls already running
 * ({@link ServedVersion#drain}), and opens it again on the next version's service ({@link #serve}); calls that
 * arrive meanwhile wait, bounded. The call path takes no lock: a volatile read, and a counter on the serving version.
 * <p>
 * The handle holds the serving version's service and nothing of a retired one once its last call returned, so a
 * retired class loader is not kept reachable through it.
 */
public final class ServiceHandle implements InvocationHandler {

    /** What the handle does with a call now; {@code ended} opens when the next phase begins. */
    private sealed interface Phase permits Serving, Swapping, Gone {
        CountDownLatch ended();
    }

    /** Calls go to this version. */
    private record Serving(ServedVersion target, CountDownLatch ended) implements Phase {
    }

    /**
     * No version serves: calls wait for the next phase, for at most the wait bound. {@code closed} is the version
     * whose gate closed, for {@link #reopen()} if it turns out not to stop; {@code null} once it has.
     */
    private record Swapping(long sinceNanos, String fromVersion, ServedVersion closed, CountDownLatch ended) implements Phase {
    }

    /** The plugin no longer offers the service; calls fail at once. */
    private record Gone(String why, CountDownLatch ended) implements Phase {
    }

    private final String plugin;
    private final String service;
    private final List<Class<?>> interfaces;
    private final CallBounds bounds;
    private final Object proxy;
    private volatile Phase phase;
    private final AtomicLong waitsFailed = new AtomicLong();

    /**
     * @param plugin     the providing plugin's name
     * @param service    the service in words, for messages ({@code ChainLink (link=alpha)})
     * @param interfaces the interfaces the service is registered under
     * @param bounds     the wait and drain bounds
     */
    public ServiceHandle(String plugin, String service, List<Class<?>> interfaces, CallBounds bounds) {
        this.plugin = plugin;
        this.service = service;
        this.interfaces = List.copyOf(interfaces);
        this.bounds = bounds;
        this.phase = new Swapping(System.nanoTime(), "", null, new CountDownLatch(1));
        this.proxy = Proxy.newProxyInstance(new InterfaceLoader(this.interfaces), proxyInterfaces(this.interfaces), this);
    }

    private static Class<?>[] proxyInterfaces(List<Class<?>> interfaces) {
        Class<?>[] all = interfaces.toArray(new Class<?>[interfaces.size() + 1]);
        all[interfaces.size()] = CallHandle.class;
        return all;
    }

    /**
     * @param type    an interface Kiln's own bundle sees (a framework interface such as {@code ServiceFactory})
     * @param handler what its methods do
     * @return an object implementing {@code type}, of a class defined where the handle's own proxy class is: to the
     *         framework, it sees the service's interfaces as the handle does
     */
    public <T> T beside(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(proxy.getClass().getClassLoader(), new Class<?>[] { type }, handler));
    }

    /** @return the object callers hold: it implements the service's interfaces and {@link CallHandle} */
    public Object proxy() {
        return proxy;
    }

    public String plugin() {
        return plugin;
    }

    /** @return the interfaces the handle implements (besides {@link CallHandle}) */
    public List<Class<?>> interfaces() {
        return interfaces;
    }

    /** @return the version calls go to now; empty while none serves */
    public String servingVersion() {
        return phase instanceof Serving serving ? serving.target().version() : "";
    }

    /** @return whether a version serves now */
    public boolean serving() {
        return phase instanceof Serving;
    }

    /** From now on calls go to {@code target}, of plugin version {@code version}; calls waiting go there too. */
    public void serve(Object target, String version) {
        serve(ServiceSource.of(target), version);
    }

    /**
     * From now on calls go to the service {@code source} gives, of plugin version {@code version}; calls waiting go
     * there too.
     */
    public void serve(ServiceSource source, String version) {
        next(new Serving(new ServedVersion(source, version), new CountDownLatch(1)));
    }

    /** A caller bound the handle: the serving version's service is got now, as DS would for a direct reference. */
    public void bind() {
        if (phase instanceof Serving serving) {
            serving.target().service();
        }
    }

    /** The last caller let the handle go: the serving version's service is given back. */
    public void unbind() {
        if (phase instanceof Serving serving) {
            serving.target().release();
        }
    }

    private synchronized Phase next(Phase next) {
        Phase before = phase;
        phase = next;
        before.ended().countDown();
        return before;
    }

    /**
     * Closes the gate: calls that arrive from now on wait for the next {@link #serve}. Does not wait for the calls
     * already running ({@link #drain}).
     *
     * @return the version that served, to drain; {@code null} if none did
     */
    public synchronized ServedVersion close() {
        if (phase instanceof Serving serving) {
            next(new Swapping(System.nanoTime(), serving.target().version(), serving.target(), new CountDownLatch(1)));
            return serving.target();
        }
        return null;
    }

    /**
     * The version whose gate {@link #close} closed serves again (its stop did not happen): the same service object,
     * not a second one got from the framework.
     *
     * @return whether there was such a version; if not, the caller serves the handle anew
     */
    public synchronized boolean reopen() {
        if (phase instanceof Swapping swapping && swapping.closed() != null) {
            next(new Serving(swapping.closed(), new CountDownLatch(1)));
            return true;
        }
        return false;
    }

    /** The version whose gate closed has stopped: nothing of it is kept for {@link #reopen()}. */
    public synchronized void stopped() {
        if (phase instanceof Swapping swapping && swapping.closed() != null) {
            next(new Swapping(swapping.sinceNanos(), swapping.fromVersion(), null, new CountDownLatch(1)));
        }
    }

    /** The plugin no longer offers the service: calls waiting and to come fail with {@code why}. */
    public void retire(String why) {
        next(new Gone(why, new CountDownLatch(1)));
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        Class<?> declaring = method.getDeclaringClass();
        if (declaring == Object.class) {
            return objectMethod(self, method, args);
        }
        if (declaring == CallHandle.class) {
            return method.getName().equals("plugin") ? plugin : servingVersion();
        }
        boolean waiting = false;
        long deadline = 0;
        while (true) {
            Phase now = phase;
            if (now instanceof Gone gone) {
                throw new ServiceGoneException(call(method) + ": " + gone.why(), plugin);
            }
            if (now instanceof Serving serving) {
                ServedVersion target = serving.target();
                target.enter();
                try {
                    Object service = phase == now ? target.service() : null;
                    if (service != null) {
                        return method.invoke(service, args);
                    }
                } catch (InvocationTargetException e) {
                    throw stoppedUnder(target, method, e.getCause());
                } finally {
                    target.leave();
                }
                // the gate closed as this call came in, or the version registered the service but cannot provide it
                // (its component failed to activate, and a rollback is on its way): wait for the next phase
            }
            if (!waiting) {
                waiting = true;
                deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(bounds.waitMillis());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !await(now.ended(), left)) {
                throw waitedTooLong(now, method);
            }
        }
    }

    private static boolean await(CountDownLatch served, long nanos) {
        try {
            return served.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Throwable stoppedUnder(ServedVersion target, Method method, Throwable thrown) {
        long after = target.stoppedAfterMillis();
        if (after < 0) {
            return thrown;
        }
        return new ReloadInProgressException(call(method) + " was still running on " + plugin + " " + target.version()
                + " when the reload of " + plugin + " stopped that version after a " + after + " ms drain (calls.drain.millis): "
                + thrown, plugin, after, thrown);
    }

    /** @return how many calls through this handle have failed for waiting longer than the bound, ever */
    public long waitsFailed() {
        return waitsFailed.get();
    }

    private RuntimeException waitedTooLong(Phase phase, Method method) {
        waitsFailed.incrementAndGet();
        String why = Thread.currentThread().isInterrupted() ? "was interrupted while it waited"
                : "waited " + bounds.waitMillis() + " ms (calls.wait.millis)";
        if (phase instanceof Serving serving) {
            return new ServiceGoneException(call(method) + " " + why + ": " + plugin + " " + serving.target().version()
                    + " registered it but cannot provide it (its component failed to activate)", plugin);
        }
        Swapping swapping = (Swapping) phase;
        long reloading = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - swapping.sinceNanos());
        String from = swapping.fromVersion().isEmpty() ? "" : " from " + swapping.fromVersion();
        return new ReloadInProgressException("a reload of plugin " + plugin + from + " was in progress for " + reloading
                + " ms: " + call(method) + " " + why + " and no version served", plugin, reloading, null);
    }

    private String call(Method method) {
        return "the call to " + method.getDeclaringClass().getSimpleName() + "." + method.getName() + "() of " + service;
    }

    private Object objectMethod(Object self, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> self == args[0];
            case "hashCode" -> System.identityHashCode(self);
            default -> "handle to " + service + " of " + plugin + " " + servingVersion();
        };
    }

    @Override
    public String toString() {
        return "handle to " + service + " of " + plugin;
    }
}
