package io.kiln.fleet.internal;

import java.util.Objects;

/**
 * One plugin of a release: its symbolic name and version as the publisher ran it, and the jar by its SHA-256 and
 * size, which every node checks after fetching it.
 */
record ReleasePlugin(String name, String version, String sha256, long size) {

    /** A SHA-256 as the fleet writes it: lower-case hex. */
    static final String SHA256 = "[0-9a-f]{64}";

    ReleasePlugin {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (sha256 == null || !sha256.matches(SHA256)) {
            throw new IllegalArgumentException(name + ": not a SHA-256 in hex: " + sha256);
        }
        if (size <= 0) {
            throw new IllegalArgumentException(name + ": a jar of " + size + " bytes");
        }
    }
}
