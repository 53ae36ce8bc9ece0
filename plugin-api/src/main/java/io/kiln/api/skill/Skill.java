package io.kiln.api.skill;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One published skill, from {@code skills/<name>/SKILL.md}:
 *
 * <pre>
 * ---
 * name: summarize
 * description: Summarizes a text in three sentences.
 * version: 1.2.0
 * triggers: [summarize, summary, tl;dr]
 * owner: docs-team
 * ---
 * # Summarize
 * Read the whole text, then ...
 * </pre>
 *
 * Get skills as OSGi services; each carries the service properties {@value #NAME} and {@value #VERSION}.
 * When the file is saved again, Kiln registers the new version and then withdraws the old one, so there is
 * always a current version while the file is valid; an invalid save leaves the previous version published.
 * Instances are immutable.
 */
@ProviderType
public interface Skill {

    /** Service property: the skill's name. */
    String NAME = "skill.name";

    /** Service property: the skill's version. */
    String VERSION = "skill.version";

    /** @return the name, equal to the skill's folder name */
    String name();

    /** @return what the skill does, in one line */
    String description();

    /** @return the version from the front matter, or the empty string if it gives none */
    String version();

    /** @return the words or phrases that call for this skill; empty if none are given */
    List<String> triggers();

    /**
     * @return every other key of the front matter, as YAML read it (strings, numbers, booleans, lists, maps);
     *         unmodifiable
     */
    Map<String, Object> metadata();

    /** @return the Markdown after the front matter */
    String body();
}
