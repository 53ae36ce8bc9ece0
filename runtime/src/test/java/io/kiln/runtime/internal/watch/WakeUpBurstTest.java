package io.kiln.runtime.internal.watch;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Test;

public class WakeUpBurstTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger wakeUps = new AtomicInteger();

    @After
    public void stop() {
        scheduler.shutdownNow();
    }

    private WakeUpBurst burst(long quietMillis, int count) {
        return new WakeUpBurst(scheduler, wakeUps::incrementAndGet, new WatchSettings(List.of(), List.of(), quietMillis, 1, count));
    }

    @Test
    public void oneChangeGivesExactlyOneBurst() {
        burst(5, 4).changed();
        await().atMost(Duration.ofSeconds(2)).until(() -> wakeUps.get() == 4);
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> wakeUps.get() == 4);
    }

    @Test
    public void changesDuringTheQuietPeriodPostponeTheBurst() {
        // a quiet period far longer than the gaps between changes, so that a loaded machine cannot stretch a gap past it
        WakeUpBurst burst = burst(3_000, 1);
        for (int i = 0; i < 5; i++) {
            burst.changed();
            await().pollDelay(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(() -> true);
            assertEquals("woken while the folder was still changing", 0, wakeUps.get());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> wakeUps.get() == 1);
    }

    @Test
    public void aChangeDuringABurstStartsAFreshOne() {
        WakeUpBurst burst = burst(0, 50);
        burst.changed();
        await().atMost(Duration.ofSeconds(2)).until(() -> wakeUps.get() >= 1);
        burst.changed();
        await().atMost(Duration.ofSeconds(2)).until(() -> wakeUps.get() >= 51);
        await().during(Duration.ofMillis(150)).atMost(Duration.ofSeconds(1)).until(() -> wakeUps.get() <= 100);
    }
}
