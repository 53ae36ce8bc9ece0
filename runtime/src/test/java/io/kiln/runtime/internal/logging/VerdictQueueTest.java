package io.kiln.runtime.internal.logging;

import static org.junit.Assert.assertEquals;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

public class VerdictQueueTest {

    private final AtomicLong now = new AtomicLong();
    private final VerdictQueue<String> queue = new VerdictQueue<>(60_000, now::get);

    @Test
    public void aVerdictGoesToTheDeliveryWaiting() throws InterruptedException {
        VerdictQueue<String>.Waiting first = queue.open();
        queue.arrived("took it");
        assertEquals(Optional.of("took it"), first.await(0));
    }

    @Test
    public void aVerdictWithNoDeliveryWaitingIsNoDeliverysOfKilns() throws InterruptedException {
        queue.arrived("a configuration Kiln did not make");
        try (VerdictQueue<String>.Waiting mine = queue.open()) {
            assertEquals(Optional.empty(), mine.await(0));
        }
    }

    @Test
    public void aLateVerdictIsTakenByTheDeliveryItIsForNotTheNext() throws InterruptedException {
        VerdictQueue<String>.Waiting late = queue.open();
        assertEquals(Optional.empty(), late.await(0));
        late.close();
        VerdictQueue<String>.Waiting next = queue.open();
        queue.arrived("the first one's, late");
        assertEquals("the late verdict is not the next one's", Optional.empty(), next.await(0));
        queue.arrived("the next one's");
        assertEquals(Optional.of("the next one's"), next.await(0));
    }

    @Test
    public void aVerdictOwedTooLongIsOwedNoLonger() throws InterruptedException {
        VerdictQueue<String>.Waiting neverAnswered = queue.open();
        assertEquals(Optional.empty(), neverAnswered.await(0));
        neverAnswered.close();
        now.addAndGet(TimeUnit.SECONDS.toNanos(61));
        VerdictQueue<String>.Waiting next = queue.open();
        queue.arrived("the next one's");
        assertEquals(Optional.of("the next one's"), next.await(0));
    }

    @Test
    public void aDeliveryThatNeverWentLeavesTheLine() throws InterruptedException {
        queue.open().close(); // the section said what already ran: nothing was delivered
        VerdictQueue<String>.Waiting next = queue.open();
        queue.arrived("the next one's");
        assertEquals(Optional.of("the next one's"), next.await(0));
    }
}
