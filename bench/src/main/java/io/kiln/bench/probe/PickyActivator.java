package io.kiln.bench.probe;

import java.io.File;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The probe of a release that fails on some nodes only: an activator that throws where the Kiln folder holds the file
 * its {@code Kiln-Bench-Refuse} header names, and records its start like {@link ProbeActivator} elsewhere. So a release
 * published from a node where it runs fails on a canary that refuses it.
 */
public final class PickyActivator implements BundleActivator {

    static final String REFUSE_HEADER = "Kiln-Bench-Refuse";

    @Override
    public void start(BundleContext context) throws Exception {
        String refuse = context.getBundle().getHeaders().get(REFUSE_HEADER);
        if (refuse != null && new File(context.getProperty("kiln.home"), refuse).exists()) {
            throw new IllegalStateException("kiln bench: this node refuses " + context.getBundle().getSymbolicName() + " on purpose");
        }
        Stamp.write(context.getBundle(), Stamp.of(context.getBundle(), "start"));
    }

    @Override
    public void stop(BundleContext context) {
        // nothing held
    }
}
