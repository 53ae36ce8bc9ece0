package io.kiln.runtime.internal.skill;

import java.time.Instant;

import org.osgi.framework.ServiceRegistration;

import io.kiln.api.skill.Skill;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.SkillInfo;

/**
 * One skill folder: the version published (if any), and how its file's last reading ended.
 */
record SkillEntry(String name, String file, SkillDocument published, ServiceRegistration<Skill> registration, Outcome state,
        String reason, String contentHash, Instant changed) {

    SkillInfo toApi() {
        return new SkillInfo(name, published == null ? "" : published.description(), published == null ? "" : published.version(),
                published == null ? java.util.List.of() : published.triggers(), state, published != null, reason, file, changed);
    }
}
