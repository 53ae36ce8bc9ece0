package io.kiln.bench.probe;

import java.util.Map;

import org.osgi.framework.BundleContext;

/**
 * The probe of a validated configuration: a Declarative Services component with {@code configuration-policy
 * require} whose PID has a Metatype definition ({@code stamp}: a required Integer), both written by the harness
 * as {@code OSGI-INF} XML. Kiln validates the section against that definition before ConfigAdmin sees it. Records
 * {@code validated-<stamp>.seen} when {@code activate} or {@code modified} receives a new {@code stamp}.
 */
public final class ValidatedConfigProbe {

    private volatile String lastStamp;

    public void activate(BundleContext context, Map<String, Object> properties) {
        seen(context, properties);
    }

    public void modified(BundleContext context, Map<String, Object> properties) {
        seen(context, properties);
    }

    private void seen(BundleContext context, Map<String, Object> properties) {
        Object stamp = properties.get("stamp");
        if (stamp != null && !stamp.toString().equals(lastStamp)) {
            lastStamp = stamp.toString();
            Stamp.write(context.getBundle(), "validated-" + lastStamp + ".seen");
        }
    }
}
