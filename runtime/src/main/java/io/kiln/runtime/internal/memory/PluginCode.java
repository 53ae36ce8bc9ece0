package io.kiln.runtime.internal.memory;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The code of one revision of a plugin: its class loader and, while it is current, the names of the classes it holds.
 * It holds the class loader strongly, so it lives only for one search.
 */
final class PluginCode {

    private final String plugin;
    private final String version;
    private final ClassLoader loader;
    private final Set<String> classNames;

    private PluginCode(String plugin, String version, ClassLoader loader, Set<String> classNames) {
        this.plugin = plugin;
        this.version = version;
        this.loader = loader;
        this.classNames = classNames;
    }

    /** The bundle's current revision, if it has a class loader (it is resolved). */
    static Optional<PluginCode> current(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        ClassLoader loader = wiring == null || !wiring.isInUse() ? null : wiring.getClassLoader();
        if (loader == null) {
            return Optional.empty();
        }
        Collection<String> resources = wiring.listResources("/", "*.class",
                BundleWiring.LISTRESOURCES_LOCAL | BundleWiring.LISTRESOURCES_RECURSE);
        Set<String> names = resources.stream().map(r -> r.substring(0, r.length() - ".class".length()).replace('/', '.'))
                .collect(Collectors.toUnmodifiableSet());
        return Optional.of(new PluginCode(bundle.getSymbolicName(), bundle.getVersion().toString(), loader, names));
    }

    /**
     * A retired revision, known by its class loader only: by then another revision of the plugin may run classes of the
     * same names, so a class counts as this revision's only if this loader defined it.
     */
    static PluginCode retired(String plugin, String version, ClassLoader loader) {
        return new PluginCode(plugin, version, loader, Set.of());
    }

    String plugin() {
        return plugin;
    }

    String version() {
        return version;
    }

    ClassLoader loader() {
        return loader;
    }

    /** @return whether this revision's class loader defined the class (lambdas and other hidden classes included) */
    boolean defined(Class<?> type) {
        return type != null && type.getClassLoader() == loader;
    }

    /** @return whether this revision holds a class of that name; always false for a retired revision */
    boolean holds(String className) {
        return classNames.contains(className);
    }
}
