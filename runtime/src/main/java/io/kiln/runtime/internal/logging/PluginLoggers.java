package io.kiln.runtime.internal.logging;

import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleRevision;

/**
 * The loggers of a plugin: its own packages, the topmost of them, as plugins name their loggers after their
 * classes ({@code LoggerFactory.getLogger(Greeter.class)}). A level for {@code io.example} covers every class under it.
 * A package another bundle exports too (a library the plugin carries inside, as others use it) is not its own: a
 * level set for it would reach every user of that library.
 */
final class PluginLoggers {

    private PluginLoggers() {
    }

    /** @return each package the framework's bundles export, with the ids of the bundles that export it */
    static Map<Long, Set<String>> exports(BundleContext context) {
        Map<Long, Set<String>> exports = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (revision != null) {
                Set<String> packages = exports.computeIfAbsent(bundle.getBundleId(), id -> new HashSet<>());
                revision.getDeclaredCapabilities(BundleRevision.PACKAGE_NAMESPACE)
                        .forEach(c -> packages.add(String.valueOf(c.getAttributes().get(BundleRevision.PACKAGE_NAMESPACE))));
            }
        }
        return exports;
    }

    /**
     * @param exports what each bundle exports ({@link #exports}), read once for all the plugins asked about
     * @return the topmost packages the bundle's own classes are in, sorted
     */
    static List<String> of(Bundle bundle, Map<Long, Set<String>> exports) {
        Set<String> elsewhere = new HashSet<>();
        exports.forEach((id, packages) -> {
            if (id != bundle.getBundleId()) {
                elsewhere.addAll(packages);
            }
        });
        TreeSet<String> packages = new TreeSet<>();
        Enumeration<URL> classes = bundle.findEntries("/", "*.class", true);
        while (classes != null && classes.hasMoreElements()) {
            String path = classes.nextElement().getPath();
            int slash = path.lastIndexOf('/');
            String folder = slash <= 0 ? "" : path.substring(path.startsWith("/") ? 1 : 0, slash);
            if (!folder.isEmpty() && !folder.startsWith("META-INF") && !folder.startsWith("OSGI-INF")
                    && !elsewhere.contains(folder.replace('/', '.'))) {
                packages.add(folder.replace('/', '.'));
            }
        }
        List<String> topmost = new ArrayList<>();
        for (String name : packages) {
            // sorted: a package's ancestors come before it
            if (topmost.stream().noneMatch(top -> name.startsWith(top + "."))) {
                topmost.add(name);
            }
        }
        return topmost;
    }

    /** @return whether a logger's name is this package or under it */
    static boolean covers(String packageName, String logger) {
        return logger.equals(packageName) || logger.startsWith(packageName + ".");
    }
}
