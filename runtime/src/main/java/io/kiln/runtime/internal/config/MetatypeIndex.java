package io.kiln.runtime.internal.config;

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
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Finds the Metatype definition of a section: the {@code @ObjectClassDefinition} a bundle designates for the
 * PID (or factory PID). Built once and again only after bundles change, so that validating a save costs a map
 * lookup, not a walk over every bundle.
 */
final class MetatypeIndex implements SynchronousBundleListener, AutoCloseable {

    private final BundleContext context;
    private final MetaTypeService metatype;
    private final Consumer<Set<String>> definitionsArrived;
    private volatile Map<String, ObjectClassDefinition> definitions;

    /**
     * @param definitionsArrived told, synchronously as a bundle resolves and before any of its components can
     *                           start, of the PIDs that bundle defines
     */
    MetatypeIndex(BundleContext context, MetaTypeService metatype, Consumer<Set<String>> definitionsArrived) {
        this.context = context;
        this.metatype = metatype;
        this.definitionsArrived = definitionsArrived;
        context.addBundleListener(this);
    }

    /** @return the definition for a PID or factory PID, or {@code null} if no bundle declares one */
    ObjectClassDefinition definition(String pid) {
        Map<String, ObjectClassDefinition> current = definitions;
        if (current == null) {
            current = build();
            definitions = current;
        }
        return current.get(pid);
    }

    private Map<String, ObjectClassDefinition> build() {
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
            definitions = null;
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
        context.removeBundleListener(this);
    }
}
