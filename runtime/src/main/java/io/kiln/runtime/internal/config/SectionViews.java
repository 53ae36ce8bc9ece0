package io.kiln.runtime.internal.config;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import io.kiln.runtime.api.SectionInfo;

/** A section as front doors show it: its state, and the DS components bound to it as SCR reports them. */
final class SectionViews {

    private final ServiceComponentRuntime scr;

    SectionViews(ServiceComponentRuntime scr) {
        this.scr = scr;
    }

    SectionInfo info(SectionState state) {
        SectionFile section = state.section();
        return new SectionInfo(section.configurationPid(), section.name().isPresent() ? section.pid() : "", section.fileName(),
                state.state(), state.reason(), state.warnings(), state.validated(), state.applied(), components(section),
                state.changed());
    }

    /** The DS components configured by this section, as {@code name (STATE)}. */
    private List<String> components(SectionFile section) {
        List<String> bound = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.configurationPid == null || !List.of(description.configurationPid).contains(section.pid())) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                Object pid = configuration.properties.get("service.pid");
                boolean ours = section.name().isEmpty() || section.configurationPid().equals(pid)
                        || (pid instanceof String[] pids && List.of(pids).contains(section.configurationPid()));
                if (ours) {
                    bound.add(description.name + " (" + stateName(configuration.state) + ")");
                }
            }
            if (scr.getComponentConfigurationDTOs(description).isEmpty() && section.name().isEmpty()) {
                bound.add(description.name + " (" + (scr.isComponentEnabled(description) ? "WAITING" : "DISABLED") + ")");
            }
        }
        return bound;
    }

    private static String stateName(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION";
            default -> "UNKNOWN";
        };
    }
}
