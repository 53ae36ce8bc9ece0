package io.kiln.runtime.internal.watch;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns a stream of "something changed" signals into bursts of wake-ups.
 * <p>
 * Each signal restarts a quiet period; once it passes with no further signal, {@code wakeUp} runs
 * {@code burstCount} times, {@code burstMillis} apart. The quiet period keeps a file that is still being
 * written from being scanned as stable; the burst gives FileInstall the two scans it needs even when one
 * wake-up arrives while it is busy installing, and stops on its own so an idle folder costs nothing.
 */
final class WakeUpBurst {

    private final ScheduledExecutorService scheduler;
    private final Runnable wakeUp;
    private final long quietMillis;
    private final long burstMillis;
    private final int burstCount;

    private ScheduledFuture<?> pending;
    private int remaining;

    WakeUpBurst(ScheduledExecutorService scheduler, Runnable wakeUp, WatchSettings settings) {
        this.scheduler = scheduler;
        this.wakeUp = wakeUp;
        this.quietMillis = settings.quietMillis();
        this.burstMillis = settings.burstMillis();
        this.burstCount = settings.burstCount();
    }

    /** Something changed: (re)start the quiet period, cancelling any burst under way. */
    synchronized void changed() {
        if (pending != null) {
            pending.cancel(false);
        }
        remaining = burstCount;
        pending = scheduler.schedule(this::tick, quietMillis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        synchronized (this) {
            if (remaining <= 0) {
                return;
            }
            remaining--;
            pending = remaining > 0 ? scheduler.schedule(this::tick, burstMillis, TimeUnit.MILLISECONDS) : null;
        }
        wakeUp.run();
    }
}
