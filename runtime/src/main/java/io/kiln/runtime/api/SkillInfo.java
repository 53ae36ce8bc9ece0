package io.kiln.runtime.api;

import java.time.Instant;
import java.util.List;

/**
 * A skill as it is now.
 *
 * @param name        the skill's name (its folder)
 * @param description what it does
 * @param version     the published version, or empty
 * @param triggers    its triggers
 * @param state       {@link Outcome#APPLIED} when its file is what is published, {@link Outcome#REJECTED} when its
 *                    file was refused (the previous version, if any, stays published)
 * @param published   whether a version of it is published now
 * @param reason      why its file was refused; empty otherwise
 * @param file        its file, relative to the skills folder
 * @param changed     when it was last published or refused
 */
public record SkillInfo(String name, String description, String version, List<String> triggers, Outcome state,
        boolean published, String reason, String file, Instant changed) {

    public SkillInfo {
        triggers = List.copyOf(triggers);
    }
}
