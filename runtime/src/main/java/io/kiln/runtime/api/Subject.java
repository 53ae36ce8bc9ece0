package io.kiln.runtime.api;

import java.util.Locale;

/** What kind of thing a change is about. */
public enum Subject {
    /** A plugin: a bundle in {@code hot/}, named by its symbolic name. */
    PLUGIN,
    /** A configuration section: {@code conf/<pid>.cfg}, named by its PID. */
    SECTION,
    /** A skill: {@code skills/<name>/SKILL.md}, named by its folder. */
    SKILL,
    /** An agent: {@code conf/kiln.agent~<id>.cfg}, named by its id. */
    AGENT;

    /** @return the name used in files and JSON: the constant in lower case ({@code plugin}) */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param label a {@link #label()} or a constant name, in any case
     * @return the subject it names
     * @throws IllegalArgumentException if it names none
     */
    public static Subject of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
