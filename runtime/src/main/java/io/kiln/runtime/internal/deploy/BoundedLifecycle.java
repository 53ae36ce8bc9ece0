package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Calls into a plugin's lifecycle (start, stop, update, refresh) on a thread of its own and gives up waiting
 * after a timeout, so that an activator that never returns cannot hold up Kiln or other plugins. A call
 * that timed out is reported with the stuck thread's stack and is listed as stuck until it returns.
 */
final class BoundedLifecycle implements AutoCloseable {

    @FunctionalInterface
    interface Call {
        void run() throws BundleException, IOException;
    }

    private volatile long timeoutMillis;
    private final FrameworkWiring wiring;
    private final Map<String, String> stuck = new ConcurrentHashMap<>();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "kiln-lifecycle-" + threadNumber.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /** Runs just before a call is marked stuck; only tests set it, to return the call at exactly that moment. */
    volatile Consumer<Future<?>> beforeMarkingStuck = future -> {
    };

    BoundedLifecycle(long timeoutMillis, FrameworkWiring wiring) {
        this.timeoutMillis = timeoutMillis;
        this.wiring = wiring;
    }

    void start(Bundle bundle) throws BundleException, StuckException {
        // transient: whether a plugin runs after a restart is Kiln's record (enabled or not), not the framework's
        call("start", bundle, () -> bundle.start(Bundle.START_TRANSIENT));
    }

    void stop(Bundle bundle) throws BundleException, StuckException {
        if (bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.STARTING) {
            call("stop", bundle, () -> bundle.stop(Bundle.STOP_TRANSIENT));
        }
    }

    void update(Bundle bundle, Path jar) throws BundleException, StuckException {
        call("update", bundle, () -> {
            try (InputStream in = Files.newInputStream(jar)) {
                bundle.update(in);
            }
        });
    }

    void uninstall(Bundle bundle) throws BundleException, StuckException {
        call("uninstall", bundle, bundle::uninstall);
    }

    /**
     * Refreshes the bundles and everything wired to them (never the whole framework), and waits for it.
     *
     * @return how many bundles the refresh took in: the given ones and what depends on them through wires
     */
    int refresh(Collection<Bundle> bundles) throws StuckException {
        int refreshed = closure(bundles).size();
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            if (!done.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new StuckException("refreshing " + names(bundles) + " did not finish within " + timeoutMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StuckException("interrupted while refreshing " + names(bundles));
        }
        return refreshed;
    }

    /** @return the bundles a refresh of these would take in: themselves and what is wired to them, directly or not */
    Collection<Bundle> closure(Collection<Bundle> bundles) {
        return wiring.getDependencyClosure(bundles);
    }

    void timeoutMillis(long millis) {
        this.timeoutMillis = millis;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    /** @return plugins whose lifecycle call has not returned, with what it was doing */
    Map<String, String> stuck() {
        return Map.copyOf(stuck);
    }

    boolean isStuck(String plugin) {
        return stuck.containsKey(plugin);
    }

    private void call(String what, Bundle bundle, Call call) throws BundleException, StuckException {
        call(what, bundle.getSymbolicName(), call);
    }

    /** Runs one lifecycle call of {@code plugin}, bounded. */
    void call(String what, String plugin, Call call) throws BundleException, StuckException {
        if (stuck.containsKey(plugin)) {
            throw new StuckException(plugin + " is still stuck: " + stuck.get(plugin));
        }
        AtomicReference<Thread> worker = new AtomicReference<>();
        AtomicBoolean returned = new AtomicBoolean();
        Future<?> future = threads.submit(() -> {
            worker.set(Thread.currentThread());
            try {
                call.run();
            } finally {
                returned.set(true);
                stuck.remove(plugin);
            }
            return null;
        });
        try {
            future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            Thread thread = worker.get();
            String stack = thread == null ? "(not started)" : Arrays.stream(thread.getStackTrace())
                    .limit(25).map(frame -> "\tat " + frame).collect(Collectors.joining("\n"));
            String message = what + " of " + plugin + " did not return within " + timeoutMillis + " ms; thread "
                    + (thread == null ? "?" : thread.getName()) + " is stuck at:\n" + stack;
            // a stuck activator that waits or sleeps gives up when interrupted; give it the time to do so,
            // so that the plugin can be rolled back at once
            if (thread != null) {
                thread.interrupt();
            }
            try {
                future.get(timeoutMillis, TimeUnit.MILLISECONDS);
                throw new StuckException(message + "\n(it returned once interrupted)");
            } catch (TimeoutException stillStuck) {
                beforeMarkingStuck.accept(future);
                stuck.put(plugin, what + " since " + java.time.Instant.now() + " (thread "
                        + (thread == null ? "?" : thread.getName()) + ")");
                if (returned.get()) {
                    // it returned between the wait and the mark: its own clean-up may have come first
                    stuck.remove(plugin);
                }
                throw new StuckException(message);
            } catch (ExecutionException gaveUp) {
                throw new StuckException(message + "\n(it gave up once interrupted: " + gaveUp.getCause() + ")");
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new StuckException(message);
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BundleException be) {
                // Felix says "Activator start error in bundle x"; the person reading it needs the why
                Throwable why = be.getCause();
                throw why == null ? be : new BundleException(be.getMessage() + " caused by " + why, be.getType(), why);
            }
            if (cause instanceof IOException io) {
                throw new BundleException(what + " of " + plugin + " failed: " + io, io);
            }
            if (cause instanceof RuntimeException re) {
                throw new BundleException(what + " of " + plugin + " failed: " + re, re);
            }
            throw new BundleException(what + " of " + plugin + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StuckException(what + " of " + plugin + " was interrupted");
        }
    }

    private static String names(Collection<Bundle> bundles) {
        return bundles.stream().map(Bundle::getSymbolicName).collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
