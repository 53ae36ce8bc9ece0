package io.kiln.runtime.internal.memory;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
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
    private final Predicate<String> heldElsewhere;

    private PluginCode(String plugin, String version, ClassLoader loader, Set<String> classNames, Predicate<String> heldElsewhere) {
        this.plugin = plugin;
        this.version = version;
        this.loader = loader;
        this.classNames = classNames;
        this.heldElsewhere = heldElsewhere;
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
        return Optional.of(new PluginCode(bundle.getSymbolicName(), bundle.getVersion().toString(), loader, names,
                name -> heldByAnother(bundle, name)));
    }

    /**
     * A retired revision, known by its class loader only: by then another revision of the plugin may run classes of the
     * same names, so a class counts as this revision's only if this loader defined it.
     */
    static PluginCode retired(String plugin, String version, ClassLoader loader) {
        return new PluginCode(plugin, version, loader, Set.of(), name -> true);
    }

    /** Another bundle that embeds a class of the same name (a library both carry) may be running it. */
    private static boolean heldByAnother(Bundle bundle, String className) {
        int dot = className.lastIndexOf('.');
        String path = dot < 0 ? "/" : "/" + className.substring(0, dot).replace('.', '/');
        String file = className.substring(dot + 1) + ".class";
        // the stopped plugin has no context any more: Kiln's own asks
        Bundle kiln = FrameworkUtil.getBundle(PluginCode.class);
        BundleContext context = kiln == null ? null : kiln.getBundleContext();
        if (context == null) {
            return false;
        }
        for (Bundle other : context.getBundles()) {
            BundleWiring wiring = other.getBundleId() == bundle.getBundleId() ? null : other.adapt(BundleWiring.class);
            if (wiring != null && wiring.isInUse() && !wiring.listResources(path, file, BundleWiring.LISTRESOURCES_LOCAL).isEmpty()) {
                return true;
            }
        }
        return false;
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

    /**
     * @return whether a frame of a class of that name is this revision's: it holds the class and no other bundle does
     *         (a library two plugins embed is not told apart by name); always false for a retired revision
     */
    boolean holds(String className) {
        return classNames.contains(className) && !heldElsewhere.test(className);
    }
}
