package io.kiln.fleet.internal;

/** Wakes a waiting loop when something in the fleet's records changed, or after its timeout in any case. */
final class Wakeup {

    private boolean signalled;

    synchronized void signal() {
        signalled = true;
        notifyAll();
    }

    /** Waits for a signal since the last call, at most {@code millis}. */
    synchronized void await(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!signalled) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        signalled = false;
    }
}
