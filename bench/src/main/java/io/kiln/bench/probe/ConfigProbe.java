package io.kiln.bench.probe;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedService;

/**
 * The probe of a configuration: a {@link ManagedService} for the pid named by the {@value #PID_HEADER} header
 * that records {@code config-<stamp>.seen} when it receives a configuration whose {@code stamp} is new.
 * It also records its own start, so that the harness knows when it is listening.
 */
public final class ConfigProbe implements BundleActivator, ManagedService {

    /** Manifest header: the configuration pid to listen to. */
    static final String PID_HEADER = "Kiln-Bench-Pid";

    private volatile Bundle bundle;
    private volatile String lastStamp;
    private ServiceRegistration<ManagedService> registration;

    @Override
    public void start(BundleContext context) {
        bundle = context.getBundle();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, bundle.getHeaders().get(PID_HEADER));
        registration = context.registerService(ManagedService.class, this, properties);
        Stamp.write(bundle, Stamp.of(bundle, "start"));
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
    }

    @Override
    public void updated(Dictionary<String, ?> properties) {
        Object stamp = properties == null ? null : properties.get("stamp");
        if (stamp != null && !stamp.toString().equals(lastStamp)) {
            lastStamp = stamp.toString();
            Stamp.write(bundle, "config-" + lastStamp + ".seen");
        }
    }
}
