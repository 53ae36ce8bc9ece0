package io.kiln.runtime.internal.deploy;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs file transactions off FileInstall's thread: one at a time per file, files side by side, and of the
 * requests for one file that pile up while its transaction runs only the newest is kept (a burst of saves
 * applies once, the last). Held until {@link #open()}, so that nothing runs before Kiln has reconciled its
 * records with the framework at start.
 * <p>
 * Work that is {@link Groupable} and waits at the moment a thread takes one such piece runs as one group with every
 * other such piece waiting then (the jars found in {@code hot/} at start, a folder of jars dropped at once): the group
 * handler decides what of it runs together and runs the rest piece by piece.
 */
final class TransactionQueue implements AutoCloseable {

    /** Work that may run in one group with the other groupable work waiting at the same moment. */
    interface Groupable extends Runnable {
    }

    private static final Logger LOG = LoggerFactory.getLogger(TransactionQueue.class);

    private final ExecutorService threads;
    private final Consumer<List<Groupable>> group;
    private final Map<String, Runnable> waiting = new LinkedHashMap<>();
    private final Set<String> running = new HashSet<>();
    private final Map<String, Runnable> deferred = new LinkedHashMap<>();
    private boolean open;
    private boolean closed;

    /** A queue whose groupable work runs piece by piece, like any other. */
    TransactionQueue(int threadCount) {
        this(threadCount, pieces -> pieces.forEach(Runnable::run));
    }

    /** @param group runs a group of two or more pieces of groupable work, taken together from the queue */
    TransactionQueue(int threadCount, Consumer<List<Groupable>> group) {
        this.group = group;
        AtomicInteger number = new AtomicInteger();
        threads = Executors.newFixedThreadPool(threadCount, runnable -> {
            Thread thread = new Thread(runnable, "kiln-transaction-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < threadCount; i++) {
            threads.execute(this::work);
        }
    }

    /** Queues work for a key, replacing work for the same key that has not started yet. */
    synchronized void submit(String key, Runnable work) {
        waiting.put(key, work);
        notifyAll();
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
    }

    /** What one thread runs until the queue closes: the next work whose key is free, with its group if it has one. */
    private void work() {
        while (true) {
            Map<String, Runnable> taken;
            try {
                taken = take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (taken.size() == 1) {
                    taken.values().iterator().next().run();
                } else {
                    group.accept(taken.values().stream().map(Groupable.class::cast).toList());
                }
            } catch (RuntimeException e) {
                LOG.error("Transaction for {} failed unexpectedly", taken.keySet(), e);
            }
            finished(taken.keySet());
        }
    }

    /** Waits for work whose key is free; @return it by key, with the groupable work waiting beside it if it is groupable */
    private synchronized Map<String, Runnable> take() throws InterruptedException {
        while (true) {
            if (closed) {
                throw new InterruptedException("closed");
            }
            if (open) {
                String next = waiting.keySet().stream().filter(k -> !running.contains(k)).findFirst().orElse(null);
                if (next != null) {
                    Map<String, Runnable> taken = new LinkedHashMap<>();
                    taken.put(next, waiting.remove(next));
                    if (taken.get(next) instanceof Groupable) {
                        for (Iterator<Map.Entry<String, Runnable>> it = waiting.entrySet().iterator(); it.hasNext();) {
                            Map.Entry<String, Runnable> other = it.next();
                            if (other.getValue() instanceof Groupable && !running.contains(other.getKey())) {
                                taken.put(other.getKey(), other.getValue());
                                it.remove();
                            }
                        }
                    }
                    running.addAll(taken.keySet());
                    return taken;
                }
            }
            wait();
        }
    }

    private synchronized void finished(Set<String> keys) {
        running.removeAll(keys);
        keys.forEach(this::releaseDeferred);
        notifyAll();
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
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        threads.shutdownNow();
    }
}
