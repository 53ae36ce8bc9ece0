package io.kiln.runtime.internal.config;

import io.kiln.runtime.api.SectionInfo;
import io.kiln.runtime.internal.scr.ComponentStates;

/** A section as front doors show it: its state, and the DS components bound to it as SCR reports them. */
final class SectionViews {

    private final ComponentStates components;

    SectionViews(ComponentStates components) {
        this.components = components;
    }

    SectionInfo info(SectionState state) {
        SectionFile section = state.section();
        return new SectionInfo(section.configurationPid(), section.name().isPresent() ? section.pid() : "", section.fileName(),
                state.state(), state.reason(), state.warnings(), state.validated(), state.applied(),
                components.describeConfiguredBy(section.pid(), section.configurationPid()), state.changed());
    }
}
