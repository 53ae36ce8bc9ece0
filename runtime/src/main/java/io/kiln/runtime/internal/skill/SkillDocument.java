package io.kiln.runtime.internal.skill;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import io.kiln.api.skill.Skill;

/**
 * A parsed and checked {@code SKILL.md}: YAML front matter between two {@code ---} lines (at least
 * {@code name}, equal to the folder's name, and {@code description}), then a Markdown body. YAML is read
 * safely: plain data only, no custom types, bounded in size and aliases.
 */
record SkillDocument(String name, String description, String version, List<String> triggers, Map<String, Object> metadata,
        String body) implements Skill {

    static final int MAX_CHARACTERS = 1_000_000;

    /**
     * @param label  how to name the file in messages, e.g. {@code skills/summarize/SKILL.md}
     * @param folder the name of the skill's folder, which the {@code name} must equal
     * @throws SkillException naming the file and what is wrong
     */
    static SkillDocument parse(String text, String label, String folder) throws SkillException {
        if (text.length() > MAX_CHARACTERS) {
            throw new SkillException(label + ": larger than " + MAX_CHARACTERS + " characters");
        }
        String normalized = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> lines = normalized.lines().toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
            throw new SkillException(label + ": no front matter: the file must start with a line '---'");
        }
        int end = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("---")) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new SkillException(label + ": the front matter is not closed: no second line '---'");
        }
        Map<String, Object> front = frontMatter(String.join("\n", lines.subList(1, end)), label);
        String name = requiredText(front, "name", label);
        if (!name.equals(folder)) {
            throw new SkillException(label + ": name '" + name + "' does not match its folder '" + folder + "'");
        }
        String description = requiredText(front, "description", label);
        Object version = front.get("version");
        if (version != null && !(version instanceof String || version instanceof Number)) {
            throw new SkillException(label + ": version must be text, found " + describe(version));
        }
        List<String> triggers = triggers(front.get("triggers"), label);
        Map<String, Object> metadata = new LinkedHashMap<>(front);
        List.of("name", "description", "version", "triggers").forEach(metadata::remove);
        String body = String.join("\n", lines.subList(end + 1, lines.size())).strip();
        return new SkillDocument(name, description, version == null ? "" : version.toString(), List.copyOf(triggers),
                Collections.unmodifiableMap(metadata), body);
    }

    private static Map<String, Object> frontMatter(String yaml, String label) throws SkillException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(MAX_CHARACTERS);
        options.setAllowDuplicateKeys(false);
        Object parsed;
        try {
            parsed = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException | ClassCastException | IllegalArgumentException e) {
            throw new SkillException(label + ": the front matter is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new SkillException(label + ": the front matter must be key: value lines, found " + describe(parsed));
        }
        Map<String, Object> front = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new SkillException(label + ": front matter key " + entry.getKey() + " is not text");
            }
            front.put(key, entry.getValue());
        }
        return front;
    }

    private static String requiredText(Map<String, Object> front, String key, String label) throws SkillException {
        Object value = front.get(key);
        if (value == null) {
            throw new SkillException(label + ": the front matter has no '" + key + "'");
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw new SkillException(label + ": '" + key + "' must be non-empty text, found " + describe(value));
        }
        return text.strip();
    }

    private static List<String> triggers(Object value, String label) throws SkillException {
        List<String> triggers = new ArrayList<>();
        if (value == null) {
            return triggers;
        }
        if (value instanceof String one) {
            triggers.add(one.strip());
            return triggers;
        }
        if (!(value instanceof List<?> list)) {
            throw new SkillException(label + ": triggers must be a list of text, found " + describe(value));
        }
        for (Object item : list) {
            if (!(item instanceof String text) || text.isBlank()) {
                throw new SkillException(label + ": triggers must be a list of text, found " + describe(item) + " in it");
            }
            triggers.add(text.strip());
        }
        return triggers;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        String type = value instanceof Map ? "a map" : value instanceof List ? "a list" : value instanceof Number ? "a number"
                : value instanceof Boolean ? "true/false" : value instanceof String ? "text" : value.getClass().getSimpleName();
        String shown = String.valueOf(value);
        return type + " (" + (shown.length() > 40 ? shown.substring(0, 40) + "..." : shown) + ")";
    }
}
