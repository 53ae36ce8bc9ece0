package io.kiln.bench.probe;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The probe of a plugin jar: records {@code <name>-<version>.start} when the framework starts it and
 * {@code <name>-<version>.stop} when it stops it (an update or an uninstall).
 * <p>
 * An activator, not a DS component, on purpose: it measures when the framework starts the bundle, not when
 * a component runtime gets round to it, and it runs the same in any OSGi framework.
 */
public final class ProbeActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Stamp.write(context.getBundle(), Stamp.of(context.getBundle(), "start"));
    }

    @Override
    public void stop(BundleContext context) {
        Stamp.write(context.getBundle(), Stamp.of(context.getBundle(), "stop"));
    }
}
