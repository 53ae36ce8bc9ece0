package io.kiln.runtime.api;

import java.util.Locale;

/** What a change did. Each value says which {@link Subject} it applies to. */
public enum Action {
    /** A plugin that was not installed was installed and started. */
    INSTALL,
    /** A running plugin was replaced by another build. */
    UPDATE,
    /** A plugin was stopped and removed. */
    UNINSTALL,
    /** A plugin was stopped, refreshed and started again, on the same build. */
    RELOAD,
    /** A plugin whose record says it runs was started again (after a restart of Kiln, for example). */
    START,
    /** A disabled plugin was started and remembered as enabled. */
    ENABLE,
    /** A plugin was stopped and remembered as disabled. */
    DISABLE,
    /** A plugin was returned to a build Kiln kept. */
    ROLLBACK,
    /**
     * Not a change but a finding: a retired revision of a plugin (the version before an update or a rollback, or the
     * last one of an uninstalled plugin) was still in memory when its grace period ended. Recorded once per revision,
     * with that version as the from-version, outcome {@link Outcome#FAILED} (its memory did not come back), what
     * holds it in the error and the leftovers, and trigger {@link Trigger#MEMORY}; the plugin's own record is not
     * touched. {@link RuntimeStatus#retained()} lists it until it is collected.
     */
    LEAK,
    /** A configuration section (or an agent's section) was validated and delivered to its components. */
    CONFIGURE,
    /**
     * A command ({@code kiln config set}, an agent's reload) asked to change a section's values and was refused before
     * anything was written; an accepted one is recorded as the {@link #CONFIGURE} it leads to.
     */
    SET,
    /** A configuration section's file went away and the section was removed. */
    REMOVE,
    /** A skill was published, or published again in a new version. */
    PUBLISH,
    /** A skill's file went away and the skill was withdrawn. */
    WITHDRAW;

    /** @return the name used in files, JSON and commands: the constant in lower case ({@code install}) */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param label a {@link #label()} or a constant name, in any case
     * @return the action it names
     * @throws IllegalArgumentException if it names none
     */
    public static Action of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
