package io.kiln.runtime.api;

import java.time.Instant;

/**
 * A file in {@code hot/} that Kiln refused. It stays where it is and is not tried again until it changes.
 *
 * @param file   the file name
 * @param plugin the plugin it would have changed, or empty if it could not be read as one
 * @param reason why, naming the cause
 * @param time   when it was refused
 */
public record RejectedFile(String file, String plugin, String reason, Instant time) {
}
