package io.kiln.runtime.internal.call;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One version of a plugin serving one handle: its service object, got once, and the calls running on it, which a
 * swap waits for ({@link #drain}) before the version is stopped.
 */
public final class ServedVersion {

    private final ServiceSource source;
    private final String version;
    /**
     * The calls that came in and the calls that went out: striped counters, so that callers on many threads do not all
     * write one. Both only grow, and never does {@code left} pass {@code entered}; so when a sum of {@code left}, taken
     * first, reaches a sum of {@code entered}, taken after it, no call was running at the end of the first sum. A swap
     * closes the gate before it sums, and every call counts itself in before it looks at the gate again: one that
     * comes in later sees the gate closed and does not run here.
     */
    private final LongAdder entered = new LongAdder();
    private final LongAdder left = new LongAdder();
    /** Drain's own monitor: getting the service (a component's activation) holds {@code this}, for as long as it takes. */
    private final Object idle = new Object();
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
        entered.increment();
    }

    void leave() {
        left.increment();
        if (draining && idle()) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Whether no call runs on this version: {@code left} summed first, see above. */
    private boolean idle() {
        long out = left.sum();
        return out >= entered.sum();
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
        synchronized (idle) {
            // leave() notifies under this monitor after its decrement, so no wake-up is lost between sum and wait
            while (!idle()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                try {
                    idle.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        long out = left.sum();
        int still = (int) Math.max(0, entered.sum() - out);
        if (still > 0) {
            stoppedAfterMillis = boundMillis;
        }
        return still;
    }
}
