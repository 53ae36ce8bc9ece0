package io.kiln.runtime.internal.watch;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
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
    public void changesDuringTheQuietPeriodPostponeTheBurst() throws Exception {
        WakeUpBurst burst = burst(200, 1);
        for (int i = 0; i < 5; i++) {
            burst.changed();
            // a writer still writing: each change restarts the quiet period, so nothing may wake yet
            scheduler.schedule(() -> null, 50, MILLISECONDS).get();
            assertEquals("woken while the folder was still changing", 0, wakeUps.get());
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> wakeUps.get() == 1);
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
