package io.kiln.runtime.internal.config;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.kiln.runtime.api.Outcome;

/**
 * What Kiln knows of one section: its file, whether its file was applied or refused, and the configuration its
 * components run on.
 */
record SectionState(SectionFile section, Outcome state, String reason, List<String> warnings, boolean validated,
        Map<String, Object> applied, Instant changed) {

    SectionState refused(String why, Instant when) {
        return new SectionState(section, Outcome.REJECTED, why, warnings, validated, applied, when);
    }
}
