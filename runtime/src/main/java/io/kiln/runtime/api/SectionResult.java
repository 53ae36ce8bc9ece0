package io.kiln.runtime.api;

import java.time.Duration;
import java.util.List;

/**
 * How a change to a section ended.
 *
 * @param pid      the section's PID
 * @param file     its file name
 * @param outcome  {@link Outcome#APPLIED}, {@link Outcome#UNCHANGED} (the file says what already runs) or
 *                 {@link Outcome#REJECTED}
 * @param error    why it was refused, naming the file, the key, what was expected and what was found
 * @param warnings unknown keys and the like, applied all the same
 * @param duration how long it took
 */
public record SectionResult(String pid, String file, Outcome outcome, String error, List<String> warnings, Duration duration) {

    public SectionResult {
        warnings = List.copyOf(warnings);
    }

    /** @return whether the section now runs as its file says */
    public boolean succeeded() {
        return outcome.succeeded();
    }
}
