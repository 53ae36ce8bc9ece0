package io.kiln.runtime.internal.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
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
import io.kiln.runtime.internal.call.HandleEligibility;
import io.kiln.runtime.internal.call.HandleVisibility;

/**
 * Which plugins depend on which, as the framework sees it now: a plugin depends on another when it imports
 * a package from it or uses one of its services (a DS reference is a service in use). Taken while the
 * plugins run, before any is stopped: a stopped plugin uses nothing.
 */
final class DependencyGraph {

    /** How one plugin depends on another, as far as a change to the other can restart it. */
    enum Link {
        /** It imports a package from it, or requires the bundle: a refresh of the other refreshes it. */
        WIRED,
        /** It uses one of its services itself: DS unbinds it (a static reference: deactivates it) when the service goes. */
        SERVICE,
        /** It uses one of its services through a stable handle: the handle stays while the other is swapped. */
        HANDLE
    }

    /** For each plugin, the plugins it depends on, each with how ({@code imports package x 1.0.0}, ...). */
    private final Map<Bundle, Map<Bundle, Set<String>>> uses = new LinkedHashMap<>();
    private final Map<Bundle, Map<Bundle, Set<Link>>> links = new LinkedHashMap<>();
    private final Map<Bundle, Set<Bundle>> dependencies = new LinkedHashMap<>();
    private Map<Bundle, Set<Bundle>> users;

    DependencyGraph(Collection<Bundle> plugins) {
        Set<Bundle> members = new HashSet<>(plugins);
        Map<String, Bundle> byName = new HashMap<>();
        plugins.forEach(p -> byName.put(p.getSymbolicName(), p));
        for (Bundle plugin : plugins) {
            Map<Bundle, Set<String>> how = new LinkedHashMap<>();
            Map<Bundle, Set<Link>> kinds = new LinkedHashMap<>();
            BundleWiring wiring = plugin.adapt(BundleWiring.class);
            if (wiring != null) {
                for (BundleWire wire : wiring.getRequiredWires(null)) {
                    how.computeIfAbsent(wire.getProvider().getBundle(), b -> new LinkedHashSet<>()).add(describe(wire));
                    kinds.computeIfAbsent(wire.getProvider().getBundle(), b -> EnumSet.noneOf(Link.class)).add(Link.WIRED);
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
                    String way = handleOf != null ? " through a handle" : " (no handle: " + HandleEligibility.whyNoHandle(reference) + ")";
                    how.computeIfAbsent(provider, b -> new LinkedHashSet<>()).add("uses service " + service + way);
                    kinds.computeIfAbsent(provider, b -> EnumSet.noneOf(Link.class)).add(handleOf == null ? Link.SERVICE : Link.HANDLE);
                }
            }
            how.remove(plugin);
            how.keySet().retainAll(members);
            kinds.keySet().retainAll(how.keySet());
            uses.put(plugin, how);
            links.put(plugin, kinds);
            dependencies.put(plugin, how.keySet());
        }
    }

    /** @return how {@code dependent} depends on {@code provider} directly, or through what, in words */
    String why(Bundle dependent, Bundle provider) {
        Set<String> direct = uses.getOrDefault(dependent, Map.of()).get(provider);
        if (direct != null) {
            return String.join("; ", direct);
        }
        return dependenciesOf(dependent).stream().filter(b -> uses.getOrDefault(b, Map.of()).containsKey(provider))
                .findFirst().map(b -> "depends on " + b.getSymbolicName() + ", which depends on it").orElse("depends on it");
    }

    /** @return the ways {@code dependent} depends on {@code provider} directly; empty if it does not */
    Set<Link> links(Bundle dependent, Bundle provider) {
        return links.getOrDefault(dependent, Map.of()).getOrDefault(provider, Set.of());
    }

    /** @return how {@code dependent} depends on {@code provider} directly, in words; empty if it does not */
    String directly(Bundle dependent, Bundle provider) {
        return String.join("; ", uses.getOrDefault(dependent, Map.of()).getOrDefault(provider, Set.of()));
    }

    private static String describe(BundleWire wire) {
        Map<String, Object> attributes = wire.getCapability().getAttributes();
        return switch (wire.getCapability().getNamespace()) {
            case PackageNamespace.PACKAGE_NAMESPACE -> "imports package " + attributes.get(PackageNamespace.PACKAGE_NAMESPACE)
                    + " " + attributes.get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
            case BundleNamespace.BUNDLE_NAMESPACE -> "requires the bundle";
            default -> "requires " + wire.getCapability().getNamespace();
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
