package io.kiln.bench.api;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load: {@code GET /api/v1/plugins} sent on a fixed schedule (rate per second), each latency measured
 * from the moment it was due to be sent (so a stalled server shows in the figures instead of slowing the load),
 * while another thread reloads a plugin (and its dependents) once a second. Bounded: rate × seconds requests.
 */
final class Load {

    private Load() {
    }

    static String run(ApiBench.Api api, int rate, int warmupSeconds, int seconds, String reloaded) throws Exception {
        if (warmupSeconds > 0) {
            phase(api, rate, warmupSeconds, null);
        }
        Phase measured = phase(api, rate, seconds, reloaded);
        return "- `GET /api/v1/plugins` at " + rate + " requests/s for " + seconds + " s (open loop, after a " + warmupSeconds
                + " s warm-up), while `" + reloaded + "` and its dependents were reloaded every second: "
                + ApiBench.percentiles(List.copyOf(measured.micros)) + "; " + measured.failed.get() + " failed of " + measured.sent
                + " requests; " + measured.reloads.get() + " reloads, " + measured.reloadFailures.get() + " failed; achieved "
                + String.format("%.0f", measured.sent / (measured.elapsedNanos / 1e9)) + " requests/s\n";
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
        HttpRequest list = api.get("api/v1/plugins");
        long total = (long) rate * seconds;
        long interval = 1_000_000_000L / rate;
        AtomicLong stop = new AtomicLong();
        Thread reloader = null;
        if (reloaded != null) {
            reloader = new Thread(() -> {
                HttpRequest reload = api.post("api/v1/plugins/" + reloaded + "/reload");
                long next = System.nanoTime();
                while (stop.get() == 0) {
                    next += 1_000_000_000L;
                    LockSupport.parkNanos(next - System.nanoTime());
                    if (stop.get() != 0) {
                        break;
                    }
                    try {
                        HttpResponse<String> r = api.send(reload);
                        phase.reloads.incrementAndGet();
                        if (r.statusCode() != 200) {
                            phase.reloadFailures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        phase.reloadFailures.incrementAndGet();
                    }
                }
            }, "api-bench-reloader");
            reloader.start();
        }
        CompletableFuture<?>[] pending = new CompletableFuture<?>[(int) Math.min(total, Integer.MAX_VALUE)];
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            pending[i] = api.http().sendAsync(list, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                phase.micros.add((System.nanoTime() - due) / 1000);
                if (error != null || response.statusCode() != 200) {
                    phase.failed.incrementAndGet();
                }
            });
        }
        phase.sent = total;
        CompletableFuture.allOf(pending).exceptionally(e -> null).get(60, TimeUnit.SECONDS);
        phase.elapsedNanos = System.nanoTime() - start;
        stop.set(1);
        if (reloader != null) {
            reloader.join(10_000);
        }
        return phase;
    }
}
