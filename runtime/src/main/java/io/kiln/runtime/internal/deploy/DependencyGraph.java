package io.kiln.runtime.internal.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

import io.kiln.api.call.CallHandle;
import io.kiln.runtime.api.LinkKind;
import io.kiln.runtime.internal.call.HandleEligibility;
import io.kiln.runtime.internal.call.HandleVisibility;

/**
 * Which plugins depend on which, as the framework sees it now: a plugin depends on another when it imports
 * a package from it or uses one of its services (a DS reference is a service in use). Taken while the
 * plugins run, before any is stopped: a stopped plugin uses nothing.
 */
final class DependencyGraph {

    /**
     * One thing a plugin uses of another.
     *
     * @param provider the plugin it uses it from
     * @param kind     what it is, and how it is used
     * @param used     which package and version, bundle, namespace or service interfaces
     * @param words    the use in words ({@code imports package x 1.0.0}, {@code uses service x.Y through a handle})
     */
    record Use(Bundle provider, LinkKind kind, String used, String words) {
    }

    /** For each plugin, what it uses of the other plugins, in the framework's order, each use once. */
    private final Map<Bundle, List<Use>> uses = new LinkedHashMap<>();
    private final Map<Bundle, Set<Bundle>> dependencies = new LinkedHashMap<>();
    private Map<Bundle, Set<Bundle>> users;

    DependencyGraph(Collection<Bundle> plugins) {
        Set<Bundle> members = new HashSet<>(plugins);
        Map<String, Bundle> byName = new HashMap<>();
        plugins.forEach(p -> byName.put(p.getSymbolicName(), p));
        for (Bundle plugin : plugins) {
            Set<Use> found = new LinkedHashSet<>();
            BundleWiring wiring = plugin.adapt(BundleWiring.class);
            if (wiring != null) {
                for (BundleWire wire : wiring.getRequiredWires(null)) {
                    found.add(use(wire));
                }
            }
            ServiceReference<?>[] inUse = plugin.getServicesInUse();
            if (inUse != null) {
                for (ServiceReference<?> reference : inUse) {
                    String service = String.join(", ", (String[]) reference.getProperty(Constants.OBJECTCLASS));
                    Object handleOf = HandleVisibility.isHandle(reference) ? reference.getProperty(CallHandle.HANDLE) : null;
                    // a handle is Kiln's registration, standing for the plugin it names
                    Bundle provider = handleOf == null ? reference.getBundle() : byName.get(handleOf);
                    if (provider == null) {
                        continue;
                    }
                    found.add(handleOf != null
                            ? new Use(provider, LinkKind.USES_SERVICE_THROUGH_HANDLE, service, "uses service " + service + " through a handle")
                            : new Use(provider, LinkKind.USES_SERVICE, service,
                                    "uses service " + service + " (no handle: " + HandleEligibility.whyNoHandle(reference) + ")"));
                }
            }
            List<Use> kept = found.stream().filter(u -> u.provider() != plugin && members.contains(u.provider())).toList();
            uses.put(plugin, kept);
            Set<Bundle> used = new LinkedHashSet<>();
            kept.forEach(u -> used.add(u.provider()));
            dependencies.put(plugin, used);
        }
    }

    /** @return what {@code dependent} uses of the other plugins, each use once */
    List<Use> uses(Bundle dependent) {
        return uses.getOrDefault(dependent, List.of());
    }

    /** @return what {@code dependent} uses of {@code provider} directly; empty if it does not depend on it directly */
    List<Use> uses(Bundle dependent, Bundle provider) {
        return uses(dependent).stream().filter(u -> u.provider() == provider).toList();
    }

    /** @return how {@code dependent} depends on {@code provider} directly, or through what, in words */
    String why(Bundle dependent, Bundle provider) {
        String direct = directly(dependent, provider);
        if (!direct.isEmpty()) {
            return direct;
        }
        return dependenciesOf(dependent).stream().filter(b -> dependencies.getOrDefault(b, Set.of()).contains(provider))
                .findFirst().map(b -> "depends on " + b.getSymbolicName() + ", which depends on it").orElse("depends on it");
    }

    /** @return how {@code dependent} depends on {@code provider} directly, in words; empty if it does not */
    String directly(Bundle dependent, Bundle provider) {
        return String.join("; ", uses(dependent, provider).stream().map(Use::words).distinct().toList());
    }

    private static Use use(BundleWire wire) {
        Bundle provider = wire.getProvider().getBundle();
        Map<String, Object> attributes = wire.getCapability().getAttributes();
        return switch (wire.getCapability().getNamespace()) {
            case PackageNamespace.PACKAGE_NAMESPACE -> {
                String used = attributes.get(PackageNamespace.PACKAGE_NAMESPACE) + " " + attributes.get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
                yield new Use(provider, LinkKind.IMPORTS_PACKAGE, used, "imports package " + used);
            }
            case BundleNamespace.BUNDLE_NAMESPACE -> new Use(provider, LinkKind.REQUIRES_BUNDLE, provider.getSymbolicName(), "requires the bundle");
            default -> new Use(provider, LinkKind.REQUIRES_CAPABILITY, wire.getCapability().getNamespace(),
                    "requires " + wire.getCapability().getNamespace());
        };
    }

    /** @return every plugin that depends on {@code plugin}, directly or not */
    Set<Bundle> dependentsOf(Bundle plugin) {
        if (users == null) {
            // who uses whom, the other way round: built once, the first time it is asked (a list asks per plugin)
            users = new LinkedHashMap<>();
            dependencies.forEach((user, used) -> used.forEach(u -> users.computeIfAbsent(u, b -> new LinkedHashSet<>()).add(user)));
        }
        Set<Bundle> found = new LinkedHashSet<>();
        List<Bundle> todo = new ArrayList<>(users.getOrDefault(plugin, Set.of()));
        while (!todo.isEmpty()) {
            Bundle next = todo.remove(0);
            if (next != plugin && found.add(next)) {
                todo.addAll(users.getOrDefault(next, Set.of()));
            }
        }
        return found;
    }

    /** @return every plugin {@code plugin} depends on, directly or not */
    Set<Bundle> dependenciesOf(Bundle plugin) {
        Set<Bundle> found = new LinkedHashSet<>();
        List<Bundle> todo = new ArrayList<>(dependencies.getOrDefault(plugin, Set.of()));
        while (!todo.isEmpty()) {
            Bundle next = todo.remove(todo.size() - 1);
            if (next != plugin && found.add(next)) {
                todo.addAll(dependencies.getOrDefault(next, Set.of()));
            }
        }
        return found;
    }

    /**
     * Orders plugins so that each comes after everything it depends on (the order to start them; reversed, the
     * order to stop them). A cycle, which OSGi allows, is broken where it is found.
     */
    List<Bundle> startOrder(Collection<Bundle> plugins) {
        Set<Bundle> wanted = new LinkedHashSet<>(plugins);
        List<Bundle> order = new ArrayList<>();
        Set<Bundle> visiting = new HashSet<>();
        for (Bundle plugin : wanted) {
            visit(plugin, wanted, visiting, order);
        }
        return order;
    }

    private void visit(Bundle plugin, Set<Bundle> wanted, Set<Bundle> visiting, List<Bundle> order) {
        if (order.contains(plugin) || !visiting.add(plugin)) {
            return;
        }
        for (Bundle dependency : dependencies.getOrDefault(plugin, Set.of())) {
            if (wanted.contains(dependency)) {
                visit(dependency, wanted, visiting, order);
            }
        }
        order.add(plugin);
    }
}
