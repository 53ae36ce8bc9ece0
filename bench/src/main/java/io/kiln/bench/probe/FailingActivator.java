package io.kiln.bench.probe;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The probe of a failed update: an activator that throws, so that Kiln's transaction rolls the update back to
 * the version before it (whose own activator then records its start again).
 */
public final class FailingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("kiln bench: this version fails to start on purpose");
    }

    @Override
    public void stop(BundleContext context) {
        // never started
    }
}
