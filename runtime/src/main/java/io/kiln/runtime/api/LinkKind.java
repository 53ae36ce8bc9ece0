package io.kiln.runtime.api;

import java.util.Locale;

/**
 * What one plugin uses of another it depends on: a package, the bundle, another capability, or a service, itself or
 * through Kiln's stable call handle. The first three wire the dependent's bundle to the provider's, so that a refresh
 * of the provider refreshes the dependent; a service is a run-time link, which only the two plugins' components see.
 *
 * @since 2.4
 */
public enum LinkKind {
    /** It imports a package the provider exports. */
    IMPORTS_PACKAGE,
    /** It requires the provider's bundle ({@code Require-Bundle}). */
    REQUIRES_BUNDLE,
    /** It requires another capability the provider offers (a wire of another namespace). */
    REQUIRES_CAPABILITY,
    /**
     * It uses one of the provider's services itself, without a handle (its reference asked for none, or the service
     * cannot have one): Declarative Services unbinds it when the service goes, as it does while the provider is swapped.
     */
    USES_SERVICE,
    /** It uses one of the provider's services through a stable handle, which stays while the provider is swapped. */
    USES_SERVICE_THROUGH_HANDLE;

    /** @return whether the dependent's bundle is wired to the provider's: a refresh of the provider refreshes it too */
    public boolean wired() {
        return this == IMPORTS_PACKAGE || this == REQUIRES_BUNDLE || this == REQUIRES_CAPABILITY;
    }

    /** @return the kind as the API's JSON and the page write it: {@code imports-package}, {@code uses-service-through-handle}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
