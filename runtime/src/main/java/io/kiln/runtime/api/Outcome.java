package io.kiln.runtime.api;

/** How a change to a plugin ended. */
public enum Outcome {
    /** The change was applied and verified. */
    APPLIED,
    /** Nothing needed doing (for example the same jar again). */
    UNCHANGED,
    /** The change was refused before the running plugin was touched; it keeps running as it was. */
    REJECTED,
    /** The change was applied, failed verification and was undone; the previous version runs again. */
    ROLLED_BACK,
    /** The change failed and could not be fully undone; {@link ChangeResult#error()} says what state it left. */
    FAILED;

    /** @return whether the plugin is now as asked */
    public boolean succeeded() {
        return this == APPLIED || this == UNCHANGED;
    }
}
