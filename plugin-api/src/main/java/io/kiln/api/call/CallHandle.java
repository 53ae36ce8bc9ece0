package io.kiln.api.call;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What every stable handle Kiln hands a plugin also implements, beside the service's own interfaces: a way to ask a
 * handle which plugin serves it now. A caller never needs it to call; it is for logs, tests and diagnostics.
 *
 * <pre>{@code
 * if (greeter instanceof CallHandle handle) {
 *     log.info("greeting through {} {}", handle.plugin(), handle.servingVersion());
 * }
 * }</pre>
 */
@ProviderType
public interface CallHandle {

    /**
     * The service property a provider sets to {@code true} to be handed to its callers directly, without a handle:
     * for a service whose identity matters to its callers, or that they must see go away. DS then unbinds its
     * callers whenever it is swapped (a static reference deactivates them and activates them again).
     */
    String DIRECT = "kiln.call.direct";

    /**
     * The service property every handle's registration carries: the name of the plugin whose service it stands
     * for. A reference target such as {@code (kiln.call.handle=*)} selects handles only.
     */
    String HANDLE = "kiln.call.handle";

    /** @return the name (Bundle-SymbolicName) of the plugin that provides the service */
    String plugin();

    /**
     * @return the version of the plugin whose service the next call reaches, or an empty string while the plugin is
     *         being swapped and no version serves
     */
    String servingVersion();
}
