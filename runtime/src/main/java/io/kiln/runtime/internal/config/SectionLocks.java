package io.kiln.runtime.internal.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per section file: its changes are made one at a time. Work that must not wait for the lock (a late
 * check told of by a framework event, whose thread may hold Felix's global lock that the holder of the section's
 * lock may be waiting for) is handed to the thread that holds it instead, which does it as it lets go.
 */
final class SectionLocks {

    private final Map<Path, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** Per file, the work handed over and not yet done; the newest replaces an older one, as both do the same. */
    private final Map<Path, Runnable> handedOver = new ConcurrentHashMap<>();

    /** Runs {@code change} holding the file's lock, then the work handed over meanwhile. */
    <T> T holding(Path file, Supplier<T> change) {
        ReentrantLock lock = lock(file);
        lock.lock();
        try {
            return change.get();
        } finally {
            lock.unlock();
            if (!lock.isHeldByCurrentThread()) {
                // a change made within another (a set applies its file) leaves the work to the outer one's end
                doHandedOver(file);
            }
        }
    }

    void holding(Path file, Runnable change) {
        holding(file, () -> {
            change.run();
            return null;
        });
    }

    /**
     * Runs {@code work} holding the file's lock now if it is free, or leaves it to the thread that holds it (this one
     * included), which does it as it lets go; never waits.
     */
    void nowOrByHolder(Path file, Runnable work) {
        // handed over before the try: a holder letting go after a failed try finds it, one letting go before lets it in
        handedOver.put(file, work);
        if (!lock(file).isHeldByCurrentThread()) {
            // told on the thread of a change of the same section (a dependent it restarts resolves): done at its end
            doHandedOver(file);
        }
    }

    private void doHandedOver(Path file) {
        ReentrantLock lock = lock(file);
        // whoever takes the lock does it; a try that fails means a holder, which looks again as it lets go
        while (handedOver.containsKey(file) && lock.tryLock()) {
            try {
                Runnable work = handedOver.remove(file);
                if (work != null) {
                    work.run();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private ReentrantLock lock(Path file) {
        return locks.computeIfAbsent(file, f -> new ReentrantLock());
    }
}
