package io.kiln.runtime.internal.call;

import java.util.ArrayList;
import java.util.List;

import io.kiln.api.call.CallHandle;

/**
 * The class loader a handle's proxy classes are defined in: it sees the service's interfaces, each through the loader
 * that defined it, then what Kiln's own bundle sees ({@link CallHandle}, the framework API). The interfaces come from
 * API bundles that outlive the plugin, so the proxy class does not keep any version of the plugin reachable. The
 * framework asks the loader of a handle's service factory whether a caller's interface is the one the handle
 * implements, which is why the factory is a proxy defined here too.
 */
final class InterfaceLoader extends ClassLoader {

    private final List<ClassLoader> loaders = new ArrayList<>();

    InterfaceLoader(List<Class<?>> interfaces) {
        super(null);
        for (Class<?> type : interfaces) {
            add(type.getClassLoader());
        }
        add(CallHandle.class.getClassLoader());
        add(InterfaceLoader.class.getClassLoader());
    }

    private void add(ClassLoader loader) {
        if (loader != null && !loaders.contains(loader)) {
            loaders.add(loader);
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (ClassLoader loader : loaders) {
            try {
                return loader.loadClass(name);
            } catch (ClassNotFoundException e) {
                // the next one may see it
            }
        }
        throw new ClassNotFoundException(name);
    }
}
