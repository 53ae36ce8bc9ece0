package io.kiln.runtime.internal.call;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.Test;

import io.kiln.api.call.CallHandle;
import io.kiln.api.call.ReloadInProgressException;
import io.kiln.api.call.ServiceGoneException;

public class ServiceHandleTest {

    /** The service the handles stand in for. */
    public interface Greeter {
        String greet(String name);
    }

    private final CallBounds bounds = new CallBounds(5_000, 5_000);
    private final ServiceHandle handle = new ServiceHandle("acme-greeter", "Greeter", List.of(Greeter.class), bounds);
    private final Greeter greeter = (Greeter) handle.proxy();

    private static Greeter version(String v) {
        return name -> v + ": hello " + name;
    }

    @Test
    public void callsGoToTheVersionThatServes() {
        handle.serve(version("1.0"), "1.0");
        assertEquals("1.0: hello ann", greeter.greet("ann"));
        handle.serve(version("1.1"), "1.1");
        assertEquals("1.1: hello ann", greeter.greet("ann"));
        assertEquals("acme-greeter", ((CallHandle) greeter).plugin());
        assertEquals("1.1", ((CallHandle) greeter).servingVersion());
    }

    @Test
    public void aCallDuringASwapWaitsAndTheNextVersionServesIt() throws Exception {
        handle.serve(version("1.0"), "1.0");
        ServedVersion closed = handle.close();
        assertEquals(0, drain(closed, 1_000));
        assertEquals("", ((CallHandle) greeter).servingVersion());
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> greeter.greet("bob"));
        handle.serve(version("2.0"), "2.0");
        assertEquals("2.0: hello bob", call.get(5, TimeUnit.SECONDS));
    }

    @Test
    public void aCallThatWaitsLongerThanTheBoundFailsSayingWhichPluginAndForHowLong() {
        bounds.set(30, 5_000);
        handle.serve(version("1.0"), "1.0");
        handle.close();
        ReloadInProgressException failed = assertThrows(ReloadInProgressException.class, () -> greeter.greet("cy"));
        assertEquals("acme-greeter", failed.plugin());
        assertTrue(failed.getMessage(), failed.getMessage().startsWith("a reload of plugin acme-greeter from 1.0 was in progress for "));
        assertTrue(failed.getMessage(), failed.getMessage().contains("the call to Greeter.greet() of Greeter waited 30 ms (calls.wait.millis)"));
        assertTrue("at least the bound: " + failed.reloadMillis(), failed.reloadMillis() >= 30);
    }

    @Test
    public void aSwapWaitsForTheCallsRunningOnTheOldVersion() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        handle.serve(blocking(inside, release, finished, "1.0"), "1.0");
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> greeter.greet("dee"));
        assertTrue(inside.await(5, TimeUnit.SECONDS));
        ServedVersion closed = handle.close();
        CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(() -> drain(closed, 5_000));
        // the call cannot return before it is released, so neither can the drain
        assertThrows(java.util.concurrent.TimeoutException.class, () -> drained.get(50, TimeUnit.MILLISECONDS));
        release.countDown();
        assertEquals(Integer.valueOf(0), drained.get(5, TimeUnit.SECONDS));
        assertTrue("the call on the old version had finished before the drain returned", finished.get());
        assertEquals("1.0: hello dee", running.get(5, TimeUnit.SECONDS));
    }

    @Test
    public void aCallStillRunningWhenTheDrainBoundRunsOutFailsWithWhatTheStoppedVersionThrew() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Greeter stopping = name -> {
            inside.countDown();
            await(release);
            throw new IllegalStateException("component deactivated");
        };
        handle.serve(stopping, "1.0");
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> greeter.greet("eve"));
        assertTrue(inside.await(5, TimeUnit.SECONDS));
        assertEquals("one call still runs after the bound", 1, drain(handle.close(), 20));
        release.countDown();
        Throwable failed = assertThrows(java.util.concurrent.ExecutionException.class, () -> running.get(5, TimeUnit.SECONDS)).getCause();
        assertTrue(String.valueOf(failed), failed instanceof ReloadInProgressException);
        assertTrue(failed.getMessage(), failed.getMessage().contains(
                "was still running on acme-greeter 1.0 when the reload of acme-greeter stopped that version after a 20 ms drain"));
        assertTrue(failed.getMessage(), failed.getMessage().contains("component deactivated"));
    }

    @Test
    public void underManyCallersNoCallReachesAVersionOnceItsDrainReturned() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean[] retired = new java.util.concurrent.atomic.AtomicBoolean[201];
        java.util.concurrent.atomic.AtomicLong late = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
        java.util.function.IntFunction<Greeter> versionNumber = v -> name -> {
            if (retired[v].get()) {
                late.incrementAndGet();
            }
            return "v" + v;
        };
        retired[0] = new java.util.concurrent.atomic.AtomicBoolean();
        handle.serve(versionNumber.apply(0), "0");
        java.util.concurrent.atomic.AtomicBoolean calling = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<CompletableFuture<Void>> callers = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            callers.add(CompletableFuture.runAsync(() -> {
                while (calling.get()) {
                    greeter.greet("x");
                    calls.incrementAndGet();
                }
            }, java.util.concurrent.Executors.newSingleThreadExecutor()));
        }
        for (int v = 1; v <= 200; v++) {
            ServedVersion closed = handle.close();
            assertEquals(0, drain(closed, 5_000));
            retired[v - 1].set(true);
            retired[v] = new java.util.concurrent.atomic.AtomicBoolean();
            long before = calls.get();
            handle.serve(versionNumber.apply(v), String.valueOf(v));
            // the callers get to call each version: the swaps do not outrun them
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (calls.get() <= before && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
        calling.set(false);
        for (CompletableFuture<Void> caller : callers) {
            caller.get(5, TimeUnit.SECONDS); // a caller that failed would fail here
        }
        assertEquals("calls that reached a version after its drain returned", 0, late.get());
        assertTrue("calls made: " + calls.get(), calls.get() >= 200);
    }

    @Test
    public void whatTheServiceThrowsOutsideASwapReachesTheCallerAsItIs() {
        IllegalArgumentException thrown = new IllegalArgumentException("no such name");
        handle.serve((Greeter) name -> {
            throw thrown;
        }, "1.0");
        assertSame(thrown, assertThrows(IllegalArgumentException.class, () -> greeter.greet("x")));
    }

    @Test
    public void aRetiredHandleFailsAtOnceSayingWhy() throws Exception {
        handle.serve(version("1.0"), "1.0");
        handle.close();
        CompletableFuture<Throwable> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                greeter.greet("fay");
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        handle.retire("acme-greeter dropped it: its version that runs now no longer offers it");
        Throwable failed = waiting.get(5, TimeUnit.SECONDS);
        assertTrue(String.valueOf(failed), failed instanceof ServiceGoneException);
        assertEquals("the call to Greeter.greet() of Greeter: acme-greeter dropped it: its version that runs now no longer offers it",
                failed.getMessage());
        assertThrows(ServiceGoneException.class, () -> greeter.greet("gus"));
    }

    @Test
    public void aVersionThatCannotProvideTheServiceHoldsCallsForTheNextOne() throws Exception {
        handle.serve(unavailable(), "9.0");
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> greeter.greet("hal"));
        handle.close();
        handle.serve(version("1.0"), "1.0");
        assertEquals("1.0: hello hal", call.get(5, TimeUnit.SECONDS));

        bounds.set(20, 5_000);
        handle.serve(unavailable(), "9.0");
        ServiceGoneException failed = assertThrows(ServiceGoneException.class, () -> greeter.greet("ida"));
        assertTrue(failed.getMessage(), failed.getMessage().endsWith(
                "waited 20 ms (calls.wait.millis): acme-greeter 9.0 registered it but cannot provide it (its component failed to activate)"));
    }

    @Test
    public void theServiceObjectIsGotOnceAndGivenBackWhenTheLastCallerLetsGo() {
        int[] got = new int[1];
        int[] released = new int[1];
        handle.serve(counting(version("1.0"), got, released), "1.0");
        handle.bind();
        greeter.greet("a");
        greeter.greet("b");
        assertEquals(1, got[0]);
        handle.unbind();
        assertEquals(1, released[0]);
    }

    @Test
    public void aGateReopenedOnTheSameVersionServesTheSameObjectAndGetsNoSecond() {
        int[] got = new int[1];
        handle.serve(counting(version("1.0"), got, new int[1]), "1.0");
        assertEquals("1.0: hello a", greeter.greet("a"));
        handle.close();
        assertTrue("the version that was there serves again", handle.reopen());
        assertEquals("1.0: hello b", greeter.greet("b"));
        assertEquals(1, got[0]);

        handle.close();
        handle.stopped();
        assertFalse("a version that stopped cannot serve again", handle.reopen());
    }

    @Test
    public void objectMethodsAreTheHandlesOwnAndNeverReachTheService() {
        handle.serve(version("1.0"), "1.0");
        Greeter other = (Greeter) new ServiceHandle("acme-greeter", "Greeter", List.of(Greeter.class), bounds).proxy();
        assertTrue(greeter.equals(greeter));
        assertFalse(greeter.equals(other));
        assertNotEquals(greeter.hashCode(), 0);
        assertEquals("handle to Greeter of acme-greeter 1.0", greeter.toString());
    }

    private static Greeter blocking(CountDownLatch inside, CountDownLatch release, java.util.concurrent.atomic.AtomicBoolean finished,
            String v) {
        Function<String, String> answer = name -> v + ": hello " + name;
        return name -> {
            inside.countDown();
            await(release);
            String said = answer.apply(name);
            finished.set(true);
            return said;
        };
    }

    /** A source of {@code service} that counts how often it is got and given back. */
    private static ServiceSource counting(Object service, int[] got, int[] released) {
        return new ServiceSource() {
            @Override
            public Object get() {
                got[0]++;
                return service;
            }

            @Override
            public void release() {
                released[0]++;
            }
        };
    }

    private static int drain(ServedVersion version, long millis) {
        return version.drain(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis), millis);
    }

    private static ServiceSource unavailable() {
        return ServiceSource.of(null);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
