/**
 * The calling contract between plugins: a caller of another plugin's service keeps working while that plugin is
 * updated, reloaded or rolled back.
 * <p>
 * Nothing here has to be called. A plugin references another plugin's service the ordinary Declarative Services
 * way, and Kiln hands it a <em>stable handle</em> to that service instead of the service itself: an object that
 * implements the same interfaces and forwards each call to the version of the plugin that serves now.
 *
 * <pre>{@code
 * @Component
 * public final class Front {
 *     private final Greeter greeter;          // a handle: it outlives every version of the greeter plugin
 *
 *     @Activate
 *     public Front(@Reference Greeter greeter) {
 *         this.greeter = greeter;
 *     }
 *
 *     public String hello(String name) {
 *         return greeter.greet(name);         // waits through a reload of the greeter plugin, never fails for it
 *     }
 * }
 * }</pre>
 *
 * While the providing plugin is swapped:
 * <ul>
 * <li>calls already running on the old version finish before it is stopped (they are drained, for at most
 * {@code calls.drain.millis} of section {@code kiln.runtime}, 5 s by default);</li>
 * <li>calls that arrive meanwhile wait, for at most {@code calls.wait.millis} (5 s by default), and are then served by
 * the version that runs next: the new one, or the old one again if the new one failed and was rolled back;</li>
 * <li>once a version serves, no call reaches a retired one;</li>
 * <li>a call that outlives a bound fails with a {@link io.kiln.api.call.ReloadInProgressException} that names the
 * plugin being reloaded and says for how long.</li>
 * </ul>
 * The caller's component is not deactivated: it keeps its handle, its fields and its state through the swap. It is
 * restarted only when the service's contract changes (the new version implements the interface from another major
 * version of its package) or the new version no longer offers the service; the history says which dependents
 * restarted, and why.
 * <p>
 * Kiln gives a handle for a plugin's service when every name it is registered under is an interface that another
 * bundle exports: an API bundle of its own, such as {@code io.acme.greeter.api}, beside the plugin that implements it.
 * A service registered under a class, under an interface the plugin defines itself (its callers import the package
 * from the plugin, so they are refreshed with it), a prototype-scoped service (each caller asks for objects of its
 * own), or one registered with {@link io.kiln.api.call.CallHandle#DIRECT} {@code = true} reaches its callers as it
 * is, and DS unbinds them whenever it is swapped. Kiln's own bundles, the shell and the HTTP API see the services
 * themselves, never the handles; a plugin sees its own services. A component declared {@code scope = BUNDLE} should
 * set {@code DIRECT}: through a handle, all its callers share one object.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.kiln.api.call;
