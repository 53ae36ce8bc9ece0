package io.kiln.runtime.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Operates the skills of a running Kiln ({@code skills/<name>/SKILL.md}). Changes are recorded in the history
 * that {@link PluginService#history(int)} lists. {@link #reload} throws {@link UnknownSkillException} for a
 * name that has no skill folder.
 */
@ProviderType
public interface SkillService {

    /** @return every skill Kiln knows, published or refused, sorted by name */
    List<SkillInfo> skills();

    /** Reads a skill's file again and republishes it (or refuses it). @return the skill as it is then */
    SkillInfo reload(String name, Trigger trigger);

    /** Reloads every skill. @return each skill as it is then */
    List<SkillInfo> reloadAll(Trigger trigger);
}
