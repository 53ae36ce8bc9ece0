package io.kiln.runtime.internal.scr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Reads the state of a bundle's DS components from SCR and says it in words: the one place Kiln interprets
 * {@link ComponentConfigurationDTO} states, for verification, for the views and for health.
 */
public final class ComponentStates {

    private final ServiceComponentRuntime scr;

    public ComponentStates(ServiceComponentRuntime scr) {
        this.scr = scr;
    }

    /** One enabled component configuration of a bundle, as SCR reports it. */
    public record Component(String name, int state, boolean immediate, String failure, String unsatisfied) {

        /** @return its state as a word: {@code ACTIVE}, {@code SATISFIED}, {@code UNSATISFIED_REFERENCE}, ... */
        public String stateName() {
            return ComponentStates.stateName(state);
        }

        /** @return what is wrong with it, or empty when nothing is: failed to activate, or waiting for a service */
        public String problem() {
            return switch (state) {
                case ComponentConfigurationDTO.FAILED_ACTIVATION -> "component " + name + " failed to activate: " + failure;
                case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "component " + name + " waits for " + unsatisfied;
                default -> "";
            };
        }
    }

    /** @return the enabled components of the bundle, one entry per configuration */
    public List<Component> of(Bundle bundle) {
        List<Component> components = new ArrayList<>();
        if (bundle == null || bundle.getState() == Bundle.UNINSTALLED) {
            return components;
        }
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            if (!scr.isComponentEnabled(description)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                components.add(component(description, configuration));
            }
        }
        return components;
    }

    /**
     * The enabled components of every bundle, read in one pass: SCR looks up one bundle's components among all of
     * them, so asking bundle by bundle costs each time what all components cost.
     *
     * @return by bundle id, as {@link #of(Bundle)} gives them
     */
    public Map<Long, List<Component>> ofAll() {
        Map<Long, List<Component>> all = new HashMap<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!scr.isComponentEnabled(description)) {
                continue;
            }
            List<Component> components = all.computeIfAbsent(description.bundle.id, id -> new ArrayList<>());
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                components.add(component(description, configuration));
            }
        }
        return all;
    }

    /**
     * One configuration of a component that takes its configuration from a section.
     *
     * @param bundleId   the component's bundle
     * @param component  the component, as for {@link #of(Bundle)}
     * @param properties its properties now (the section's values among them once delivered)
     */
    public record Configured(long bundleId, Component component, Map<String, Object> properties) {
    }

    /**
     * @param pid              the section's PID, or its factory PID
     * @param configurationPid the PID ConfigAdmin gives the section: {@code pid}, or {@code pid~name} for a factory
     *                         instance
     * @return the enabled component configurations configured by the section now
     */
    public List<Configured> configuredBy(String pid, String configurationPid) {
        List<Configured> found = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!takes(description, pid) || !scr.isComponentEnabled(description)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (isFrom(configuration, pid, configurationPid)) {
                    found.add(new Configured(description.bundle.id, component(description, configuration), configuration.properties));
                }
            }
        }
        return found;
    }

    /**
     * @return the components configured by the section, each as {@code name (STATE)}: {@code WAITING} for one
     *         that has no configuration yet, {@code DISABLED} for one that is disabled
     */
    public List<String> describeConfiguredBy(String pid, String configurationPid) {
        List<String> bound = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!takes(description, pid)) {
                continue;
            }
            List<ComponentConfigurationDTO> configurations = List.of(scr.getComponentConfigurationDTOs(description).toArray(ComponentConfigurationDTO[]::new));
            for (ComponentConfigurationDTO configuration : configurations) {
                if (isFrom(configuration, pid, configurationPid)) {
                    bound.add(description.name + " (" + stateName(configuration.state) + ")");
                }
            }
            if (configurations.isEmpty() && pid.equals(configurationPid)) {
                bound.add(description.name + " (" + (scr.isComponentEnabled(description) ? "WAITING" : "DISABLED") + ")");
            }
        }
        return bound;
    }

    private static Component component(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        return new Component(description.name, configuration.state, description.immediate, rootCause(configuration.failure),
                unsatisfied(description, configuration));
    }

    private static boolean takes(ComponentDescriptionDTO description, String pid) {
        return description.configurationPid != null && List.of(description.configurationPid).contains(pid);
    }

    /** A factory instance's component carries the instance's PID; a singleton section configures every one. */
    private static boolean isFrom(ComponentConfigurationDTO configuration, String pid, String configurationPid) {
        if (pid.equals(configurationPid)) {
            return true;
        }
        Object servicePid = configuration.properties.get("service.pid");
        return configurationPid.equals(servicePid)
                || (servicePid instanceof String[] pids && List.of(pids).contains(configurationPid));
    }

    /** @return the best state of each component of the bundle now, by component name, to compare with later */
    public Map<String, Integer> snapshot(Bundle bundle) {
        Map<String, Integer> states = new HashMap<>();
        of(bundle).forEach(c -> states.merge(c.name(), c.state(), Math::max));
        return states;
    }

    /** @return what is wrong with the bundle's components now, one line each; empty when nothing is */
    public List<String> problems(Bundle bundle) {
        return of(bundle).stream().map(Component::problem).filter(p -> !p.isEmpty()).distinct().toList();
    }

    /** @return the component's state as a word */
    public static String stateName(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION";
            default -> "UNKNOWN(" + state + ")";
        };
    }

    /** Names each missing reference by the service it waits for (a constructor parameter's reference has no name). */
    private static String unsatisfied(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        List<String> names = new ArrayList<>();
        for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
            String service = Stream.of(description.references).filter(r -> r.name.equals(reference.name))
                    .map(r -> r.interfaceName).findFirst().orElse("?");
            String name = reference.name.startsWith("$") ? service : reference.name + " (" + service + ")";
            names.add(name + (reference.target == null ? "" : " " + reference.target));
        }
        return String.join(", ", names);
    }

    /** SCR reports the whole stack trace; the deepest cause is what went wrong in the plugin. */
    public static String rootCause(String failure) {
        if (failure == null || failure.isBlank()) {
            return "(no reason given)";
        }
        List<String> lines = failure.lines().map(String::trim).toList();
        return lines.stream().filter(line -> line.startsWith("Caused by: ")).reduce((first, second) -> second)
                .map(line -> line.substring("Caused by: ".length())).orElse(lines.get(0));
    }
}
