package io.kiln.runtime.internal.config;

import java.io.IOException;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;

/**
 * Waits until ConfigAdmin has told every listener — SCR among them — of the changes made so far. ConfigAdmin tells
 * its listeners on one thread of its own, in order: once a change Kiln makes to a marker configuration after them
 * has been told to Kiln's own listener, the changes before it have been told to all.
 */
final class DeliveryBarrier implements ConfigurationListener, AutoCloseable {

    /** The marker: no component takes it, and no section file holds it. */
    static final String MARKER_PID = "io.kiln.runtime.delivered";

    private final ConfigurationAdmin configurationAdmin;
    private final ServiceRegistration<ConfigurationListener> registration;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition told = lock.newCondition();
    private long sent;
    private long received;
    /** Markers whose update failed: they will never be told, so they count as told. */
    private long lost;

    DeliveryBarrier(BundleContext context, ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
        this.registration = context.registerService(ConfigurationListener.class, this, null);
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (MARKER_PID.equals(event.getPid()) && event.getType() == ConfigurationEvent.CM_UPDATED) {
            lock.lock();
            try {
                received++;
                told.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * @return whether every listener was told of the changes made before this call, within the time given
     */
    boolean await(long timeoutMillis) throws IOException, InterruptedException {
        long mine;
        lock.lock();
        try {
            mine = ++sent;
        } finally {
            lock.unlock();
        }
        Hashtable<String, Object> mark = new Hashtable<>();
        mark.put("mark", mine);
        try {
            configurationAdmin.getConfiguration(MARKER_PID, "?").update(mark);
        } catch (IOException | RuntimeException e) {
            lock.lock();
            try {
                lost++;
                told.signalAll();
            } finally {
                lock.unlock();
            }
            throw e;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (received + lost < mine) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                told.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping
        }
    }
}
