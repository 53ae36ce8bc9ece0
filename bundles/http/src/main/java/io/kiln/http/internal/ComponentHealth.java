package io.kiln.http.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Which Declarative Services components of a plugin do not work: waiting for a service that is not there, or
 * failed to activate. A plugin whose bundle is ACTIVE can still do nothing useful.
 */
final class ComponentHealth {

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    ComponentHealth(BundleContext context, ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    /** @return each broken component as {@code name: STATE (why)}; empty when all work */
    List<String> broken(String symbolicName) {
        List<String> broken = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (!symbolicName.equals(bundle.getSymbolicName()) || bundle.getState() != Bundle.ACTIVE) {
                continue;
            }
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                        List<String> missing = new ArrayList<>();
                        for (var reference : configuration.unsatisfiedReferences) {
                            missing.add(interfaceOf(description, reference.name) + (reference.target == null ? "" : " " + reference.target));
                        }
                        broken.add(description.name + ": UNSATISFIED_REFERENCE (no " + String.join(", ", missing) + ")");
                    } else if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        broken.add(description.name + ": FAILED_ACTIVATION (" + configuration.failure.lines().findFirst().orElse("") + ")");
                    }
                }
            }
        }
        return broken;
    }

    private static String interfaceOf(ComponentDescriptionDTO description, String reference) {
        for (var r : description.references) {
            if (r.name.equals(reference)) {
                return r.interfaceName;
            }
        }
        return reference;
    }
}
