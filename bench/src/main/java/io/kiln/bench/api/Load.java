package io.kiln.bench.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load: {@code GET /api/v1/plugins} due on a fixed schedule (rate per second), sent by a few workers
 * over keep-alive connections, each latency measured from the moment the request was due (so a stalled server
 * shows in the figures instead of slowing the load down), while another thread reloads a plugin (and its
 * dependents) once a second. Bounded: rate × seconds requests, and it stops by itself.
 */
final class Load {

    private static final int WORKERS = 8;
    private static final long POISON = Long.MIN_VALUE;

    private Load() {
    }

    static String run(ApiBench.Api api, int rate, int warmupSeconds, int seconds, String reloaded) throws Exception {
        if (warmupSeconds > 0) {
            phase(api, rate, warmupSeconds, null);
        }
        Phase measured = phase(api, rate, seconds, reloaded);
        return "- `GET /api/v1/plugins` at " + rate + " requests/s for " + seconds + " s (open loop over " + WORKERS
                + " keep-alive connections, after a " + warmupSeconds + " s warm-up), while `" + reloaded
                + "` and its dependents were reloaded every second: " + ApiBench.percentiles(List.copyOf(measured.micros)) + "; "
                + measured.failed.get() + " failed of " + measured.sent + " requests; " + measured.reloads.get() + " reloads, "
                + measured.reloadFailures.get() + " failed; achieved " + String.format("%.0f", measured.sent / (measured.elapsedNanos / 1e9))
                + " requests/s\n";
    }

    private static final class Phase {
        final ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger reloads = new AtomicInteger();
        final AtomicInteger reloadFailures = new AtomicInteger();
        long sent;
        long elapsedNanos;
    }

    private static Phase phase(ApiBench.Api api, int rate, int seconds, String reloaded) throws Exception {
        Phase phase = new Phase();
        long total = (long) rate * seconds;
        long interval = 1_000_000_000L / rate;
        BlockingQueue<Long> due = new ArrayBlockingQueue<>((int) Math.min(total + WORKERS, 10_000_000));
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Thread worker = new Thread(() -> {
                try (KeepAliveConnection connection = new KeepAliveConnection(api.base(), "GET", "/api/v1/plugins", api.token())) {
                    for (long at; (at = due.take()) != POISON;) {
                        boolean ok;
                        try {
                            ok = connection.exchange() == 200;
                        } catch (Exception e) {
                            ok = false;
                        }
                        phase.micros.add((System.nanoTime() - at) / 1000);
                        if (!ok) {
                            phase.failed.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "api-bench-worker-" + w);
            worker.start();
            workers.add(worker);
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread reloader = reloaded == null ? null : reloader(api, reloaded, phase, stop);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long at = start + i * interval;
            long wait = at - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            due.put(at);
        }
        for (int w = 0; w < WORKERS; w++) {
            due.put(POISON);
        }
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(60));
        }
        phase.sent = total;
        phase.elapsedNanos = System.nanoTime() - start;
        stop.set(true);
        if (reloader != null) {
            reloader.join(10_000);
        }
        return phase;
    }

    private static Thread reloader(ApiBench.Api api, String plugin, Phase phase, AtomicBoolean stop) {
        Thread thread = new Thread(() -> {
            try (KeepAliveConnection connection = new KeepAliveConnection(api.base(), "POST", "/api/v1/plugins/" + plugin + "/reload", api.token())) {
                long next = System.nanoTime();
                while (!stop.get()) {
                    next += 1_000_000_000L;
                    LockSupport.parkNanos(next - System.nanoTime());
                    if (stop.get()) {
                        break;
                    }
                    try {
                        phase.reloads.incrementAndGet();
                        if (connection.exchange() != 200) {
                            phase.reloadFailures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        phase.reloadFailures.incrementAndGet();
                    }
                }
            }
        }, "api-bench-reloader");
        thread.start();
        return thread;
    }
}
