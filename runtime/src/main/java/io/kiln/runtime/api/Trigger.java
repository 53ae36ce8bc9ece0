package io.kiln.runtime.api;

import java.util.Locale;

/** Who asked for a change. Recorded with it in the history. */
public enum Trigger {
    /** A file in {@code hot/}, {@code conf/} or {@code skills/} was added, changed or removed. */
    FILE,
    /** A command in the Gogo shell. */
    SHELL,
    /** A request to the HTTP admin API from a program of the user's ({@code curl}, a script). */
    HTTP,
    /** The {@code kiln} command-line client, through the HTTP admin API. */
    CLIENT,
    /** The web page, through the HTTP admin API. */
    PAGE,
    /** Kiln itself, bringing the framework in line with its records as it starts. */
    STARTUP,
    /** Kiln itself, trying again a file that waited for a requirement now installed. */
    RETRY,
    /** Kiln itself, checking a section read before its definition existed, once the definition arrived. */
    VALIDATION,
    /** Dev mode ({@code kiln dev}): a plugin project's sources were saved and built. */
    DEV,
    /** Kiln itself, watching that the memory of a plugin's retired revision comes back (a {@link Action#LEAK}). */
    MEMORY,
    /** A fleet rollout ({@code kiln fleet}): this node applying a release, or rolling one back, as the fleet's coordinator said. */
    FLEET;

    /** @return the name used in files, JSON and headers: the constant in lower case ({@code file}) */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param label a {@link #label()} or a constant name, in any case
     * @return the trigger it names
     * @throws IllegalArgumentException if it names none
     */
    public static Trigger of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
