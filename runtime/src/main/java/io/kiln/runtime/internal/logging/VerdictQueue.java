package io.kiln.runtime.internal.logging;

import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Verdicts that arrive in the order their deliveries went, none saying which delivery it is for (Pax Logging's
 * configuration events): each goes to the oldest delivery still waiting. A delivery whose wait ran out stays first in
 * line for a while, so that its late verdict is not taken for the next one's; one that was never delivered leaves
 * the line at once.
 *
 * @param <T> a verdict
 */
final class VerdictQueue<T> {

    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final long owedNanos;
    private final LongSupplier nanoClock;

    /**
     * @param owedMillis how long a verdict that did not come in time may still come
     * @param nanoClock  {@link System#nanoTime()}, or a test's clock
     */
    VerdictQueue(long owedMillis, LongSupplier nanoClock) {
        this.owedNanos = TimeUnit.MILLISECONDS.toNanos(owedMillis);
        this.nanoClock = nanoClock;
    }

    /** A delivery is about to go: @return its place in line */
    Waiting open() {
        Waiting place = new Waiting(nanoClock.getAsLong());
        waiting.add(place);
        return place;
    }

    /** A verdict came: it is the oldest waiting delivery's; with none waiting it is no delivery's of Kiln's. */
    void arrived(T verdict) {
        Waiting first = waiting.poll();
        while (first != null && first.owed && nanoClock.getAsLong() - first.openedNanos > owedNanos) {
            first = waiting.poll(); // its verdict never came (the consumer stopped meanwhile): owed no longer
        }
        if (first != null) {
            first.verdict.complete(verdict);
        }
    }

    /** One delivery's place in line. */
    final class Waiting implements AutoCloseable {

        private final long openedNanos;
        private final CompletableFuture<T> verdict = new CompletableFuture<>();
        private volatile boolean owed;

        private Waiting(long openedNanos) {
            this.openedNanos = openedNanos;
        }

        /** @return the verdict, or empty if it did not come in time (it is then owed: it stays in line) */
        Optional<T> await(long timeoutMillis) throws InterruptedException {
            try {
                return Optional.of(verdict.get(timeoutMillis, TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                owed = true;
                return Optional.empty();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a verdict is never completed exceptionally", e);
            }
        }

        /** Leaves the line, unless its verdict is owed. */
        @Override
        public void close() {
            if (!owed) {
                waiting.remove(this);
            }
        }
    }
}
