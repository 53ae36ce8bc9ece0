package io.kiln.bench.probe;

import org.osgi.framework.BundleContext;

/**
 * A minimal Declarative Services component (its XML is written by the harness, no annotations needed): records
 * {@code <name>-<version>.active} each time SCR activates it, as after a reload.
 */
public final class ComponentProbe {

    public void activate(BundleContext context) {
        Stamp.write(context.getBundle(), Stamp.of(context.getBundle(), "active"));
    }
}
