package io.kiln.runtime.internal.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;

/**
 * Finds the Metatype definition of a section: the {@code @ObjectClassDefinition} a bundle designates for the
 * PID (or factory PID), with the attributes' bounds from the bundle's Metatype XML ({@link MetatypeXml}). Built once
 * and again only after bundles change, so that validating a save costs a map lookup, not a walk over every bundle; a
 * build after a change reads only the bundles that changed, so that installing plugin after plugin (the whole of
 * {@code hot/} at start, hundreds of them) does not read every other bundle's Metatype XML again each time. A build
 * that ran while bundles changed is never kept (nor answered from): each change counts a generation, and a build is
 * stored only if no change came while it ran.
 */
final class MetatypeIndex implements SynchronousBundleListener, AutoCloseable {

    /** Builds each bundle's definitions, by bundle id, taking those it is given for bundles unchanged since. */
    interface Builder {
        Map<Long, Map<String, SectionDefinition>> build(Map<Long, Map<String, SectionDefinition>> unchanged);
    }

    private final Builder builder;
    private final Object lock = new Object();
    private long generation;
    /** Each bundle's definitions, as last built; guarded by {@link #lock}. */
    private final Map<Long, Map<String, SectionDefinition>> byBundle = new HashMap<>();
    private volatile Map<String, SectionDefinition> definitions;
    private final BundleContext context;
    private final MetaTypeService metatype;
    private final Consumer<Set<String>> definitionsArrived;

    /** For tests: an index over what {@code builder} finds, told of changes by {@link #invalidate(long)} only. */
    MetatypeIndex(Builder builder) {
        this.builder = builder;
        this.context = null;
        this.metatype = null;
        this.definitionsArrived = pids -> { };
    }

    /**
     * @param definitionsArrived told, synchronously as a bundle resolves and before any of its components can
     *                           start, of the PIDs that bundle defines
     */
    MetatypeIndex(BundleContext context, MetaTypeService metatype, Consumer<Set<String>> definitionsArrived) {
        this.builder = unchanged -> build(context, metatype, unchanged);
        this.context = context;
        this.metatype = metatype;
        this.definitionsArrived = definitionsArrived;
        context.addBundleListener(this);
    }

    /** @return the definition for a PID or factory PID, or {@code null} if no bundle declares one */
    SectionDefinition definition(String pid) {
        Map<String, SectionDefinition> current = definitions;
        while (current == null) {
            long started;
            Map<Long, Map<String, SectionDefinition>> unchanged;
            synchronized (lock) {
                started = generation;
                unchanged = Map.copyOf(byBundle);
            }
            Map<Long, Map<String, SectionDefinition>> built = builder.build(unchanged);
            synchronized (lock) {
                if (generation == started) {
                    byBundle.clear();
                    byBundle.putAll(built);
                    current = merged(built);
                    definitions = current;
                }
                // else bundles changed while it was built: it may lack what just arrived, build again
            }
        }
        return current.get(pid);
    }

    /** A bundle changed: the next look-up reads it again (and takes the others from the last build). */
    void invalidate(long bundleId) {
        synchronized (lock) {
            generation++;
            byBundle.remove(bundleId);
            definitions = null;
        }
    }

    static Map<String, SectionDefinition> build(BundleContext context, MetaTypeService metatype) {
        return merged(build(context, metatype, Map.of()));
    }

    private static Map<Long, Map<String, SectionDefinition>> build(BundleContext context, MetaTypeService metatype,
            Map<Long, Map<String, SectionDefinition>> unchanged) {
        Map<Long, Map<String, SectionDefinition>> found = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.UNINSTALLED || bundle.getState() == Bundle.INSTALLED) {
                // Not one that is only installed: Felix Metatype reads it with findEntries, which resolves it, waiting
                // for the framework's global lock, and this may run under a section's lock, on FileInstall's thread.
                // A transaction resolving plugins holds the global lock while Felix tells definitionsArrived of a
                // resolved bundle; that once waited for the section's lock (a start-up that hung; it hands its work
                // over now, SectionLocks). Its definitions are read once it resolves, as its RESOLVED event says, and
                // it has no components running before then.
                continue;
            }
            long id = bundle.getBundleId();
            Map<String, SectionDefinition> known = unchanged.get(id);
            if (known != null) {
                found.put(id, known);
                continue;
            }
            try {
                found.put(id, definitions(bundle, metatype));
            } catch (RuntimeException changing) {
                // a bundle being installed, updated or uninstalled right now (Felix Metatype fails on a bundle without
                // a revision yet): its RESOLVED, UPDATED or UNINSTALLED event invalidates this map and tells of its PIDs
            }
        }
        return found;
    }

    private static Map<String, SectionDefinition> merged(Map<Long, Map<String, SectionDefinition>> byBundle) {
        Map<String, SectionDefinition> all = new HashMap<>();
        byBundle.values().forEach(all::putAll);
        return all;
    }

    private static Map<String, SectionDefinition> definitions(Bundle bundle, MetaTypeService metatype) {
        MetaTypeInformation information = metatype.getMetaTypeInformation(bundle);
        if (information == null) {
            return Map.of();
        }
        List<String> pids = new ArrayList<>(List.of(information.getPids()));
        pids.addAll(List.of(information.getFactoryPids()));
        Map<String, Map<String, AttributeBounds>> bounds = pids.isEmpty() ? Map.of() : MetatypeXml.bounds(bundle);
        Map<String, SectionDefinition> found = new HashMap<>();
        for (String pid : pids) {
            found.put(pid, new SectionDefinition(information.getObjectClassDefinition(pid, null), bounds.getOrDefault(pid, Map.of())));
        }
        return found;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        int type = event.getType();
        // STARTED and STOPPED too: Felix Metatype also tells of the MetaTypeProvider services a bundle registers, which
        // a bundle has only while it runs (Jetty's, started after the plugins)
        if (type == BundleEvent.RESOLVED || type == BundleEvent.UNRESOLVED || type == BundleEvent.UPDATED
                || type == BundleEvent.UNINSTALLED || type == BundleEvent.STARTED || type == BundleEvent.STOPPED) {
            invalidate(event.getBundle().getBundleId());
        }
        if (type == BundleEvent.RESOLVED) {
            MetaTypeInformation information = metatype.getMetaTypeInformation(event.getBundle());
            if (information != null) {
                Set<String> pids = new HashSet<>(List.of(information.getPids()));
                pids.addAll(List.of(information.getFactoryPids()));
                if (!pids.isEmpty()) {
                    definitionsArrived.accept(pids);
                }
            }
        }
    }

    @Override
    public void close() {
        if (context != null) {
            context.removeBundleListener(this);
        }
    }
}
