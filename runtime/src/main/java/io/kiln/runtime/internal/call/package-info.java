/**
 * The calling contract: stable handles that stand, for other plugins, in place of a plugin's services, so that a
 * caller waits through a swap of the plugin instead of failing or being restarted ({@code io.kiln.api.call}).
 * {@link io.kiln.runtime.internal.call.ServiceHandle} is one handle and knows nothing of OSGi;
 * {@link io.kiln.runtime.internal.call.ServiceHandles} keeps one per plugin service, hides the services themselves
 * from other plugins, and opens a {@link io.kiln.runtime.internal.call.SwapWindow} for each swap.
 */
package io.kiln.runtime.internal.call;
