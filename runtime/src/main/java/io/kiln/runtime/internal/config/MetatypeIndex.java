package io.kiln.runtime.internal.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Finds the Metatype definition of a section: the {@code @ObjectClassDefinition} a bundle designates for the
 * PID (or factory PID). Built once and again only after bundles change, so that validating a save costs a map
 * lookup, not a walk over every bundle. A map built while bundles changed is never kept (nor answered from): each
 * change counts a generation, and a build is stored only if no change came while it ran.
 */
final class MetatypeIndex implements SynchronousBundleListener, AutoCloseable {

    private final Supplier<Map<String, ObjectClassDefinition>> builder;
    private final Object lock = new Object();
    private long generation;
    private volatile Map<String, ObjectClassDefinition> definitions;
    private final BundleContext context;
    private final MetaTypeService metatype;
    private final Consumer<Set<String>> definitionsArrived;

    /** For tests: an index over what {@code builder} finds, told of changes by {@link #invalidate()} only. */
    MetatypeIndex(Supplier<Map<String, ObjectClassDefinition>> builder) {
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
        this.builder = () -> build(context, metatype);
        this.context = context;
        this.metatype = metatype;
        this.definitionsArrived = definitionsArrived;
        context.addBundleListener(this);
    }

    /** @return the definition for a PID or factory PID, or {@code null} if no bundle declares one */
    ObjectClassDefinition definition(String pid) {
        Map<String, ObjectClassDefinition> current = definitions;
        while (current == null) {
            long started;
            synchronized (lock) {
                started = generation;
            }
            Map<String, ObjectClassDefinition> built = builder.get();
            synchronized (lock) {
                if (generation == started) {
                    definitions = built;
                    current = built;
                }
                // else bundles changed while it was built: it may lack what just arrived, build again
            }
        }
        return current.get(pid);
    }

    /** Bundles changed: the next look-up builds the index again. */
    void invalidate() {
        synchronized (lock) {
            generation++;
            definitions = null;
        }
    }

    private static Map<String, ObjectClassDefinition> build(BundleContext context, MetaTypeService metatype) {
        Map<String, ObjectClassDefinition> found = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            MetaTypeInformation information = metatype.getMetaTypeInformation(bundle);
            if (information == null) {
                continue;
            }
            for (String pid : information.getPids()) {
                found.put(pid, information.getObjectClassDefinition(pid, null));
            }
            for (String pid : information.getFactoryPids()) {
                found.put(pid, information.getObjectClassDefinition(pid, null));
            }
        }
        return found;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        int type = event.getType();
        if (type == BundleEvent.RESOLVED || type == BundleEvent.UNRESOLVED || type == BundleEvent.UPDATED
                || type == BundleEvent.UNINSTALLED) {
            invalidate();
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
