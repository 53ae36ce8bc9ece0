package io.kiln.runtime.internal.deploy;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs file transactions off FileInstall's thread: one at a time per file, files side by side, and of the
 * requests for one file that pile up while its transaction runs only the newest is kept (a burst of saves
 * applies once, the last). Held until {@link #open()}, so that nothing runs before Kiln has reconciled its
 * records with the framework at start.
 */
final class TransactionQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionQueue.class);

    private final ExecutorService threads;
    private final Map<String, Runnable> waiting = new LinkedHashMap<>();
    private final Set<String> running = new HashSet<>();
    private final Map<String, Runnable> deferred = new LinkedHashMap<>();
    private boolean open;

    TransactionQueue(int threadCount) {
        AtomicInteger number = new AtomicInteger();
        threads = Executors.newFixedThreadPool(threadCount, runnable -> {
            Thread thread = new Thread(runnable, "kiln-transaction-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues work for a key, replacing work for the same key that has not started yet. */
    synchronized void submit(String key, Runnable work) {
        waiting.put(key, work);
        if (open && !running.contains(key)) {
            dispatch(key);
        }
    }

    /**
     * Puts work aside until some other work finishes (it waits for what that work may bring), or until
     * nothing else is left, when it runs once more.
     */
    synchronized void defer(String key, Runnable work) {
        deferred.put(key, work);
    }

    /** @return whether work other than {@code key}'s is queued or running */
    synchronized boolean othersUnderWay(String key) {
        return waiting.keySet().stream().anyMatch(k -> !k.equals(key)) || running.stream().anyMatch(k -> !k.equals(key));
    }

    /** @return how many keys have work waiting to start, queued or put aside (not those running now) */
    synchronized int waiting() {
        Set<String> keys = new HashSet<>(waiting.keySet());
        keys.addAll(deferred.keySet());
        return keys.size();
    }

    /** Lets queued work run. */
    synchronized void open() {
        open = true;
        notifyAll();
        waiting.keySet().stream().filter(key -> !running.contains(key)).toList().forEach(this::dispatch);
    }

    private void dispatch(String key) {
        running.add(key);
        threads.execute(() -> drain(key));
    }

    private void drain(String key) {
        while (true) {
            Runnable work;
            synchronized (this) {
                work = waiting.remove(key);
                if (work == null) {
                    running.remove(key);
                    releaseDeferred(key);
                    notifyAll();
                    return;
                }
            }
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.error("Transaction for {} failed unexpectedly", key, e);
            }
        }
    }

    /**
     * Work for {@code finished} is done: what others deferred may now find what it waited for. Work that
     * deferred itself runs again only once nothing else is left, or it would spin while others still run.
     */
    private void releaseDeferred(String finished) {
        boolean othersLeft = !waiting.isEmpty() || !running.isEmpty();
        deferred.entrySet().removeIf(entry -> {
            if (entry.getKey().equals(finished) && othersLeft) {
                return false;
            }
            waiting.putIfAbsent(entry.getKey(), entry.getValue());
            return true;
        });
        waiting.keySet().stream().filter(k -> !running.contains(k)).toList().forEach(this::dispatch);
    }

    /**
     * Waits until nothing is queued, deferred or running.
     *
     * @return {@code false} if that did not happen within the time given
     */
    synchronized boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!open || !waiting.isEmpty() || !running.isEmpty() || !deferred.isEmpty()) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
