package io.kiln.runtime.internal.deploy;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/** The gate against a real Felix, with a bundle standing in for FileInstall's. */
public class FirstScanGateTest {

    /** Never reached when a test passes: a gate that misses the start would return only after it, with {@code false}. */
    private static final long LONG_WAIT = 10_000;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private Framework framework;
    private Bundle fileInstall;

    @Before
    public void startFelix() throws Exception {
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, folder.newFolder("cache").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
        Path jar = TestJars.bundle(folder.getRoot().toPath().resolve("fileinstall.jar"), "stand-in.fileinstall", "3.7.4");
        try (InputStream in = Files.newInputStream(jar)) {
            fileInstall = framework.getBundleContext().installBundle("test:fileinstall", in);
        }
    }

    @After
    public void stopFelix() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    private FirstScanGate gate(long waitMillis) {
        return new FirstScanGate(framework.getBundleContext(), Optional.of(fileInstall), waitMillis);
    }

    private static CompletableFuture<Boolean> awaitingInBackground(FirstScanGate gate) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return gate.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test(timeout = 30_000)
    public void thePluginsWaitUntilFileInstallHasStarted() throws Exception {
        CompletableFuture<Boolean> open = awaitingInBackground(gate(LONG_WAIT));
        assertThrows("FileInstall is not started yet", TimeoutException.class, () -> open.get(200, TimeUnit.MILLISECONDS));
        fileInstall.start();
        assertTrue("opened by the start, well before the bound", open.get(LONG_WAIT / 2, TimeUnit.MILLISECONDS));
    }

    @Test(timeout = 30_000)
    public void aFileInstallAlreadyActiveHoldsNothing() throws Exception {
        fileInstall.start();
        long begin = System.nanoTime();
        assertTrue(gate(LONG_WAIT).await());
        assertTrue("at once", System.nanoTime() - begin < TimeUnit.MILLISECONDS.toNanos(LONG_WAIT / 2));
    }

    @Test(timeout = 30_000)
    public void aFrameworkWithoutFileInstallHoldsNothing() throws Exception {
        assertTrue(new FirstScanGate(framework.getBundleContext(), Optional.empty(), LONG_WAIT).await());
    }

    @Test(timeout = 30_000)
    public void aFileInstallNeverStartedHoldsThePluginsOnlyForTheBound() throws Exception {
        long begin = System.nanoTime();
        assertFalse(gate(50).await());
        long waited = System.nanoTime() - begin;
        assertTrue("waited the bound", waited >= TimeUnit.MILLISECONDS.toNanos(50));
        assertTrue("and not much more", waited < TimeUnit.MILLISECONDS.toNanos(LONG_WAIT / 2));
    }

    @Test(timeout = 30_000)
    public void anEngineThatStopsEndsTheWaitAtOnce() throws Exception {
        FirstScanGate gate = gate(LONG_WAIT);
        Thread waiting = Thread.currentThread();
        CompletableFuture.runAsync(() -> {
            // interrupted once the gate waits: the waiting thread is then parked
            while (waiting.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            waiting.interrupt();
        });
        long begin = System.nanoTime();
        assertThrows(InterruptedException.class, gate::await);
        assertTrue("before the bound", System.nanoTime() - begin < TimeUnit.MILLISECONDS.toNanos(LONG_WAIT / 2));
    }
}
