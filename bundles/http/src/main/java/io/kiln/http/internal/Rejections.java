package io.kiln.http.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.SectionInfo;
import io.kiln.runtime.api.SkillInfo;
import io.kiln.runtime.api.SkillService;
import io.kiln.runtime.api.Subject;

/**
 * The {@code .cfg} sections and skills whose file was refused: Kiln keeps running on what it had before, so this
 * degrades it without making it unhealthy.
 */
final class Rejections {

    private final ConfigService config;
    private final SkillService skills;

    Rejections(ConfigService config, SkillService skills) {
        this.config = config;
        this.skills = skills;
    }

    /** Each as {@code kind} ({@code section} or {@code skill}), {@code name}, {@code file}, {@code reason}. */
    List<Map<String, Object>> all() {
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (SectionInfo section : config.sections()) {
            if (section.state() == Outcome.REJECTED) {
                rejected.add(entry(Subject.SECTION.label(), section.pid(), section.file(), section.reason()));
            }
        }
        for (SkillInfo skill : skills.skills()) {
            if (skill.state() == Outcome.REJECTED) {
                rejected.add(entry(Subject.SKILL.label(), skill.name(), skill.file(), skill.reason()));
            }
        }
        return rejected;
    }

    private static Map<String, Object> entry(String kind, String name, String file, String reason) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", kind);
        entry.put("name", name);
        entry.put("file", file);
        entry.put("reason", reason);
        return entry;
    }
}
