package io.kiln.runtime.internal.health;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.felix.hc.api.HealthCheck;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.kiln.api.health.PluginHealthCheck;

/**
 * Registers a Felix {@link HealthCheck} in front of every {@link PluginHealthCheck} a plugin registers, for as long
 * as the plugin's service is there, so that the Felix executor runs Kiln's checks like any other.
 * <p>
 * The Felix check is registered by this bundle; {@link #PLUGIN_BUNDLE} says whose check it stands for.
 */
@Component
public final class PluginHealthCheckAdapter {

    /** Service property of an adapted check: the id of the plugin bundle that registered the {@link PluginHealthCheck}. */
    public static final String PLUGIN_BUNDLE = "kiln.plugin.bundle";
    /** The tag of every adapted check. */
    public static final String TAG = "kiln.plugin";

    private final BundleContext context;
    private final Map<ServiceReference<PluginHealthCheck>, ServiceRegistration<HealthCheck>> adapted = new ConcurrentHashMap<>();

    @Activate
    public PluginHealthCheckAdapter(BundleContext context) {
        this.context = context;
    }

    @Reference(service = PluginHealthCheck.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bind(ServiceReference<PluginHealthCheck> check) {
        Bundle plugin = check.getBundle();
        if (plugin == null) {
            return; // unregistered meanwhile
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(HealthCheck.NAME, name(check));
        properties.put(HealthCheck.TAGS, new String[] { TAG });
        properties.put(PLUGIN_BUNDLE, plugin.getBundleId());
        adapted.put(check, context.registerService(HealthCheck.class, new AdaptedHealthCheck(context, check), properties));
    }

    void unbind(ServiceReference<PluginHealthCheck> check) {
        ServiceRegistration<HealthCheck> registration = adapted.remove(check);
        if (registration != null) {
            unregister(registration);
        }
    }

    @Deactivate
    void deactivate() {
        adapted.values().forEach(PluginHealthCheckAdapter::unregister);
        adapted.clear();
    }

    /** The component's name (usually its class) when it is a DS component, which is how plugins write them. */
    private static String name(ServiceReference<PluginHealthCheck> check) {
        Object component = check.getProperty("component.name");
        return component != null ? component.toString() : "PluginHealthCheck " + check.getProperty(Constants.SERVICE_ID);
    }

    private static void unregister(ServiceRegistration<HealthCheck> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // unregistered with this bundle as it stops
        }
    }
}
