package io.kiln.bench.probe;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import io.kiln.sample.chain.ChainLink;

/**
 * The caller of the calls benchmark: a Declarative Services component (XML written by the harness) with a dynamic,
 * optional, greedy reference to the chain's top link, {@code (link=charlie)}: through a handle it stays bound through
 * every swap; to the service itself ({@code kiln.call.direct=true}) it is unbound while charlie is away, and a call
 * then fails instead of the probe being restarted (which would end its phase). On activation it starts {@code threads} callers that
 * call it without pause, and records {@code calls-<phase>.running} once each has made a call and the warm-up
 * ({@code warmUpMillis}, untimed) is over; on deactivation
 * (the harness takes the probe out of {@code hot/}) it stops them and writes {@code calls-<phase>.properties}: the
 * calls made, the failed ones (with the first exceptions' text), the time the callers ran and the latencies.
 * Deactivated any other way (a restart by Kiln), it writes the file early, which the harness reports as a failure.
 */
public final class ChainCaller {

    private final AtomicReference<ChainLink> top = new AtomicReference<>();
    private Bundle bundle;
    private String phase;
    private final List<Caller> callers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Queue<String> failureTexts = new ConcurrentLinkedQueue<>();
    private long startedNanos;
    private long[] gcBefore = { 0, 0 };

    public void bind(ChainLink link) {
        top.set(link);
    }

    public void unbind(ChainLink link) {
        top.compareAndSet(link, null);
    }

    public void activate(BundleContext context, Map<String, Object> properties) throws InterruptedException {
        bundle = context.getBundle();
        phase = String.valueOf(properties.get("phase"));
        int count = Integer.parseInt(String.valueOf(properties.get("threads")));
        long warmUp = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(String.valueOf(properties.get("warmUpMillis"))));
        CountDownLatch underWay = new CountDownLatch(count);
        startedNanos = System.nanoTime() + warmUp;
        for (int i = 0; i < count; i++) {
            Caller caller = new Caller(top::get, failureTexts, underWay, startedNanos);
            Thread thread = new Thread(caller, "kiln-bench-caller-" + i);
            callers.add(caller);
            threads.add(thread);
            thread.start();
        }
        if (underWay.await(10, TimeUnit.SECONDS)) {
            TimeUnit.NANOSECONDS.sleep(startedNanos - System.nanoTime()); // the warm-up, untimed
            gcBefore = gc();
            Stamp.write(bundle, "calls-" + phase + ".running");
        }
    }

    public void deactivate() throws InterruptedException {
        callers.forEach(Caller::stop);
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - startedNanos;
        long[] gc = gc();
        LatencyHistogram all = new LatencyHistogram();
        long failures = 0;
        long answers = 0;
        Caller slowest = callers.get(0);
        for (Caller caller : callers) {
            slowest = caller.slowest() > slowest.slowest() ? caller : slowest;
            all.add(caller.latencies());
            failures += caller.failures();
            answers += caller.answers();
        }
        StringBuilder out = new StringBuilder();
        out.append("phase=").append(phase).append('\n')
                .append("threads=").append(callers.size()).append('\n')
                .append("calls=").append(all.total()).append('\n')
                .append("failures=").append(failures).append('\n')
                .append("elapsedNanos=").append(elapsed).append('\n')
                .append("meanNanos=").append(all.mean()).append('\n')
                .append("p50Nanos=").append(all.quantile(0.50)).append('\n')
                .append("p99Nanos=").append(all.quantile(0.99)).append('\n')
                .append("p999Nanos=").append(all.quantile(0.999)).append('\n')
                .append("maxNanos=").append(all.max()).append('\n')
                .append("over1ms=").append(all.above(1_000_000)).append('\n')
                .append("over10ms=").append(all.above(10_000_000)).append('\n')
                .append("over100ms=").append(all.above(100_000_000)).append('\n')
                .append("slowestStartNanos=").append(slowest.slowestStart()).append('\n')
                .append("gcCount=").append(gc[0] - gcBefore[0]).append('\n')
                .append("gcMillis=").append(gc[1] - gcBefore[1]).append('\n')
                .append("answersPerThread=").append(answers / Math.max(1, callers.size())).append('\n');
        int i = 1;
        for (String text : failureTexts) {
            out.append("failure.").append(i++).append('=').append(text.replace('\n', ' ')).append('\n');
        }
        StringBuilder slow = new StringBuilder();
        callers.forEach(caller -> caller.slowCalls(slow));
        Stamp.write(bundle, "calls-" + phase + ".slow", slow.toString());
        Stamp.write(bundle, "calls-" + phase + ".properties", out.toString());
    }

    /** @return the collections so far and their time in milliseconds, all collectors together */
    private static long[] gc() {
        long[] gc = { 0, 0 };
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc[0] += Math.max(0, collector.getCollectionCount());
            gc[1] += Math.max(0, collector.getCollectionTime());
        }
        return gc;
    }
}
