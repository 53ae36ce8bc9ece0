package io.kiln.bench.jmh;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.kiln.runtime.internal.call.CallBounds;
import io.kiln.runtime.internal.call.ServiceHandle;

/**
 * One call to a service, three ways: straight to the object (what a caller did before issue 10, and does with
 * {@code kiln.call.direct=true}), through Kiln's {@link ServiceHandle#proxy()} serving that object, and through a
 * plain {@link Proxy} whose handler only forwards by {@code Method.invoke}, the floor under any proxy that forwards
 * reflectively, and the same plain proxy counting the calls under way on one shared {@link AtomicInteger} as the
 * handle does (for its drain), to show what that shared counter costs. Every thread calls the same objects, as a
 * plugin's callers share its one handle. {@link OneThread} and
 * {@link EightThreads} run them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public abstract class CallPaths {

    /** The three callers' objects, shared by every thread. */
    @State(Scope.Benchmark)
    public static class Targets {
        Link direct;
        Link handle;
        Link reflective;
        Link counting;
        private ServiceHandle serviceHandle;

        @Setup
        public void setUp() {
            Link service = new Increment();
            direct = service;
            serviceHandle = new ServiceHandle("jmh", "Link", List.of(Link.class), new CallBounds(5_000, 5_000));
            serviceHandle.serve(service, "1.0.0");
            handle = (Link) serviceHandle.proxy();
            InvocationHandler forward = (proxy, method, args) -> {
                try {
                    return method.invoke(service, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            reflective = (Link) Proxy.newProxyInstance(Link.class.getClassLoader(), new Class<?>[] { Link.class }, forward);
            AtomicInteger running = new AtomicInteger();
            InvocationHandler countingForward = (proxy, method, args) -> {
                running.incrementAndGet();
                try {
                    return method.invoke(service, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                } finally {
                    running.decrementAndGet();
                }
            };
            counting = (Link) Proxy.newProxyInstance(Link.class.getClassLoader(), new Class<?>[] { Link.class }, countingForward);
        }

        @TearDown
        public void tearDown() {
            serviceHandle.retire("benchmark over");
        }
    }

    /** The service: a final class, as a plugin's component is. */
    static final class Increment implements Link {
        @Override
        public int next(int value) {
            return value + 1;
        }
    }

    private int value;

    @Benchmark
    public int direct(Targets targets) {
        return value = targets.direct.next(value);
    }

    @Benchmark
    public int handle(Targets targets) {
        return value = targets.handle.next(value);
    }

    @Benchmark
    public int reflectiveProxy(Targets targets) {
        return value = targets.reflective.next(value);
    }

    @Benchmark
    public int reflectiveProxyCounting(Targets targets) {
        return value = targets.counting.next(value);
    }
}
