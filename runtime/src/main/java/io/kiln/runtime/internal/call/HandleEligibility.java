package io.kiln.runtime.internal.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.service.component.ComponentConstants;

import io.kiln.api.call.CallHandle;

/**
 * Which plugin services get a handle: those of a plugin bundle registered only under interfaces that another bundle
 * defines (an API bundle), not prototype-scoped, and not marked {@link CallHandle#DIRECT}. A prototype-scoped service
 * gives each caller as many objects as it asks for, which one handle could not. Bundle scope cannot be told apart:
 * Declarative Services registers every component through a service factory, which the framework reports as
 * bundle-scoped; a component declared {@code scope = BUNDLE} is got once, by Kiln, for all its callers. An interface
 * defined by the plugin itself changes with every revision of it, so no handle could outlive one; a class cannot be
 * stood in for by a proxy. Decided once per registration: the service hook asks on every look-up.
 */
public final class HandleEligibility {

    /**
     * What a handle for one service implements.
     *
     * @param interfaces the interfaces, as the providing plugin sees them
     * @param names      their names, to register the handle under
     * @param describe   the service in words, for messages
     */
    record Contract(List<Class<?>> interfaces, String[] names, String describe) {
    }

    private final String pluginLocation;
    private final Map<Object, Optional<Contract>> decided = new ConcurrentHashMap<>();

    HandleEligibility(String pluginLocation) {
        this.pluginLocation = pluginLocation;
    }

    boolean isPlugin(Bundle bundle) {
        return bundle != null && bundle.getLocation().startsWith(pluginLocation);
    }

    /** @return what the service's handle implements; empty if it gets none */
    Optional<Contract> contract(ServiceReference<?> reference) {
        Object id = reference.getProperty(Constants.SERVICE_ID);
        Optional<Contract> known = decided.get(id);
        if (known != null) {
            return known;
        }
        Optional<Contract> contract = decide(reference);
        if (reference.getBundle() != null) {
            decided.put(id, contract);
        }
        return contract;
    }

    /** No handle for this registration after all (one could not be made): its callers get the service itself. */
    void refuse(ServiceReference<?> reference) {
        decided.put(reference.getProperty(Constants.SERVICE_ID), Optional.empty());
    }

    void forget(ServiceReference<?> reference) {
        decided.remove(reference.getProperty(Constants.SERVICE_ID));
    }

    private Optional<Contract> decide(ServiceReference<?> reference) {
        if (!isPlugin(reference.getBundle())) {
            return Optional.empty();
        }
        Examined examined = examine(reference);
        if (!examined.whyNot().isEmpty()) {
            return Optional.empty();
        }
        Object component = reference.getProperty(ComponentConstants.COMPONENT_NAME);
        String describe = String.join(", ", examined.interfaces().stream().map(Class::getSimpleName).toList())
                + (component == null ? "" : " (" + component + ")");
        return Optional.of(new Contract(examined.interfaces(), ((String[]) reference.getProperty(Constants.OBJECTCLASS)).clone(), describe));
    }

    /**
     * @param reference a plugin's service
     * @return why it gets no handle, in words ({@code registered with kiln.call.direct=true}); empty if it gets one
     */
    public static String whyNoHandle(ServiceReference<?> reference) {
        return examine(reference).whyNot();
    }

    /** A plugin service's interfaces as its plugin sees them, or why it gets no handle. */
    private record Examined(List<Class<?>> interfaces, String whyNot) {
    }

    private static Examined examine(ServiceReference<?> reference) {
        Bundle provider = reference.getBundle();
        BundleWiring wiring = provider == null ? null : provider.adapt(BundleWiring.class);
        if (wiring == null) {
            return new Examined(List.of(), "its plugin is gone");
        }
        if (Boolean.parseBoolean(String.valueOf(reference.getProperty(CallHandle.DIRECT)))) {
            return new Examined(List.of(), "registered with " + CallHandle.DIRECT + "=true");
        }
        if (Constants.SCOPE_PROTOTYPE.equals(reference.getProperty(Constants.SERVICE_SCOPE))) {
            return new Examined(List.of(), "prototype-scoped");
        }
        List<Class<?>> interfaces = new ArrayList<>();
        for (String name : (String[]) reference.getProperty(Constants.OBJECTCLASS)) {
            Class<?> type;
            try {
                type = provider.loadClass(name);
            } catch (ClassNotFoundException | IllegalStateException e) {
                return new Examined(List.of(), "its plugin cannot load " + name);
            }
            if (!type.isInterface()) {
                return new Examined(List.of(), "registered under the class " + name);
            }
            if (type.getClassLoader() == wiring.getClassLoader()) {
                return new Examined(List.of(), "its interface " + name + " is the plugin's own, not an API bundle's");
            }
            interfaces.add(type);
        }
        return new Examined(List.copyOf(interfaces), "");
    }

    /** @return the interface's package and the version its exporter gives it: {@code io.acme.api 1.2.0} */
    static String packageVersion(Class<?> type) {
        String pkg = type.getPackageName();
        Bundle exporter = FrameworkUtil.getBundle(type);
        BundleWiring wiring = exporter == null ? null : exporter.adapt(BundleWiring.class);
        if (wiring != null) {
            for (BundleCapability capability : wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                if (pkg.equals(capability.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                    return pkg + " " + capability.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
                }
            }
        }
        return pkg;
    }
}
