package io.kiln.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Idle CPU: the CPU time (user + system, all threads) a running instance uses over a window in which
 * nothing changes, as a percentage of one core. Read from {@code /proc/<pid>/stat}, so the harness itself
 * only sleeps meanwhile.
 */
final class IdleBench {

    private static final Duration SLICE = Duration.ofSeconds(5);

    private IdleBench() {
    }

    static void run(long pid, Duration window, Results results) throws IOException, InterruptedException {
        List<String> slices = new ArrayList<>();
        long[] machineStart = ProcFs.machineTicks();
        long startTicks = ProcFs.cpuTicks(pid);
        long startNanos = System.nanoTime();
        long sliceTicks = startTicks;
        long sliceNanos = startNanos;
        while (System.nanoTime() - startNanos < window.toNanos()) {
            Thread.sleep(SLICE.toMillis());
            long ticks = ProcFs.cpuTicks(pid);
            long nanos = System.nanoTime();
            slices.add(String.format("%.2f", percent(ticks - sliceTicks, nanos - sliceNanos)));
            sliceTicks = ticks;
            sliceNanos = nanos;
        }
        long[] machineEnd = ProcFs.machineTicks();
        double total = percent(sliceTicks - startTicks, sliceNanos - startNanos);
        results.of(Measure.IDLE_CPU).add(total);
        // what everything else on the machine did meanwhile: a busy neighbour skews every figure of the run
        double machineBusy = 100.0 * (machineEnd[0] - machineStart[0]) / Math.max(1, machineEnd[1] - machineStart[1]);
        results.note(String.format("idle CPU over %.0f s: %.2f %% of one core (per %d s slice: %s); "
                        + "meanwhile the whole machine was %.1f %% busy (all CPUs)",
                (sliceNanos - startNanos) / 1e9, total, SLICE.toSeconds(), String.join(", ", slices), machineBusy));
    }

    private static double percent(long ticks, long nanos) {
        double cpuSeconds = (double) ticks / ProcFs.TICKS_PER_SECOND;
        return 100 * cpuSeconds / (nanos / 1e9);
    }
}
