package io.kiln.runtime.internal.call;

/**
 * How long a call may wait for a plugin being swapped, and how long a swap waits for the calls already running on
 * the old version; shared by every handle and changed in place when section {@code kiln.runtime} changes.
 */
public final class CallBounds {

    private volatile long waitMillis;
    private volatile long drainMillis;

    public CallBounds(long waitMillis, long drainMillis) {
        set(waitMillis, drainMillis);
    }

    public void set(long waitMillis, long drainMillis) {
        this.waitMillis = Math.max(0, waitMillis);
        this.drainMillis = Math.max(0, drainMillis);
    }

    public long waitMillis() {
        return waitMillis;
    }

    public long drainMillis() {
        return drainMillis;
    }
}
