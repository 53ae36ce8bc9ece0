package io.kiln.runtime.internal.call;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One version of a plugin serving one handle: its service object, got once, and the calls running on it, which a
 * swap waits for ({@link #drain}) before the version is stopped.
 */
public final class ServedVersion {

    private final ServiceSource source;
    private final String version;
    /**
     * The calls running on it. Every call counts itself in before it looks at the gate again, and a swap closes the gate
     * before it reads the count: a call the read misses sees the gate closed and does not run here. One counter, not
     * stripes: a {@code LongAdder}'s sum may miss an increment to a stripe it has just created (a call once ran on a
     * drained version in ServiceHandleTest's stress test), and volatile stripes were slower here than one counter.
     */
    private final AtomicLong running = new AtomicLong();
    /** Drain's own monitor: getting the service (a component's activation) holds {@code this}, for as long as it takes. */
    private final Object drained = new Object();
    private volatile Object service;
    private volatile boolean draining;
    private volatile long stoppedAfterMillis = -1;

    ServedVersion(ServiceSource source, String version) {
        this.source = source;
        this.version = version;
    }

    public String version() {
        return version;
    }

    /** The service object, got once: a delayed component is activated when a caller first binds or calls. */
    Object service() {
        Object got = service;
        if (got == null) {
            synchronized (this) {
                if (service == null) {
                    service = source.get();
                }
                got = service;
            }
        }
        return got;
    }

    synchronized void release() {
        if (service != null) {
            service = null;
            source.release();
        }
    }

    void enter() {
        running.incrementAndGet();
    }

    void leave() {
        if (running.decrementAndGet() == 0 && draining) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    private boolean idle() {
        return running.get() <= 0;
    }

    /** How long the drain that stopped this version under a call had waited; negative if none did. */
    long stoppedAfterMillis() {
        return stoppedAfterMillis;
    }

    /**
     * Waits until {@code deadlineNanos} ({@link System#nanoTime()}) for the calls running on this version to return.
     *
     * @param boundMillis the drain's bound, to say in the error of a call the version is stopped under
     * @return how many still run
     */
    public int drain(long deadlineNanos, long boundMillis) {
        draining = true;
        synchronized (drained) {
            // leave() notifies under this monitor after its decrement, so no wake-up is lost between read and wait
            while (!idle()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (left <= 0 || Thread.currentThread().isInterrupted()) {
                    return stillRunning(boundMillis);
                }
                try {
                    drained.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        // idle: a call counted in since is one that will see the gate closed and not run here
        return 0;
    }

    private int stillRunning(long boundMillis) {
        int still = (int) Math.max(1, running.get());
        stoppedAfterMillis = boundMillis;
        return still;
    }
}
