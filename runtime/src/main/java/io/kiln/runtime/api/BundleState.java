package io.kiln.runtime.api;

import org.osgi.framework.Bundle;

/** The framework's state of a plugin's bundle, as people read it. */
public enum BundleState {
    /** Installed, but its requirements are not met (or it was never resolved). */
    INSTALLED,
    /** Resolved and stopped. */
    RESOLVED,
    /** Being started. */
    STARTING,
    /** Being stopped. */
    STOPPING,
    /** Started. */
    ACTIVE,
    /** No longer installed. */
    UNINSTALLED;

    /**
     * @param state one of the {@link Bundle} state constants
     * @return its value here
     */
    public static BundleState of(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> INSTALLED;
            case Bundle.RESOLVED -> RESOLVED;
            case Bundle.STARTING -> STARTING;
            case Bundle.STOPPING -> STOPPING;
            case Bundle.ACTIVE -> ACTIVE;
            default -> UNINSTALLED;
        };
    }
}
