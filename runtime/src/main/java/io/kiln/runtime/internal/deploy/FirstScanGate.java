package io.kiln.runtime.internal.deploy;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the plugins found at start until FileInstall has handed over every jar of {@code hot/}, so that they go in
 * one batch ({@link BatchInstall}). FileInstall hands them over one by one; a queue opened on the first of them
 * would split the others off the batch, and those importing from a plugin not yet handed over would fail to resolve
 * and go again one by one.
 * <p>
 * With {@code felix.fileinstall.noInitialDelay = true} (the distribution's {@code conf/kiln.properties}), FileInstall's
 * activator scans each folder it watches, and hands over what it finds, before it returns: its bundle being active is
 * the exact sign that the first scan is done, with no second copy of its rules for which files it takes. Without that
 * setting the first scan comes a poll later, and the plugins found at start go in as FileInstall hands them over.
 * <p>
 * Bounded, so that a FileInstall that is never started does not keep the plugins down for good.
 */
final class FirstScanGate {

    /** Room for FileInstall's start to scan a large {@code hot/} on a loaded machine: the bound of {@link PlatformSectionsGate}. */
    static final long WAIT_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(FirstScanGate.class);

    private final BundleContext context;
    private final Optional<Bundle> fileInstall;
    private final long waitMillis;

    /**
     * @param fileInstall FileInstall's bundle, if the framework has one
     * @param waitMillis  how long {@link #await()} waits at most ({@link #WAIT_MILLIS} in the engine)
     */
    FirstScanGate(BundleContext context, Optional<Bundle> fileInstall, long waitMillis) {
        this.context = context;
        this.fileInstall = fileInstall;
        this.waitMillis = waitMillis;
    }

    /**
     * Waits until FileInstall's bundle is active.
     *
     * @return {@code true} once it is, or if there is no FileInstall; {@code false} if it was not started in time
     * @throws InterruptedException if the engine stops meanwhile
     */
    boolean await() throws InterruptedException {
        if (fileInstall.isEmpty()) {
            return true;
        }
        Bundle bundle = fileInstall.get();
        CountDownLatch started = new CountDownLatch(1);
        BundleListener listener = event -> {
            if (event.getType() == BundleEvent.STARTED && event.getBundle().equals(bundle)) {
                started.countDown();
            }
        };
        // listening before the state is read: a start in between is not missed
        context.addBundleListener(listener);
        try {
            if (bundle.getState() == Bundle.ACTIVE || started.await(waitMillis, TimeUnit.MILLISECONDS)) {
                return true;
            }
            LOG.warn("FileInstall ({}) was not started within {} ms; the plugins found at start go in as it hands them over",
                    bundle.getSymbolicName(), waitMillis);
            return false;
        } finally {
            context.removeBundleListener(listener);
        }
    }
}
