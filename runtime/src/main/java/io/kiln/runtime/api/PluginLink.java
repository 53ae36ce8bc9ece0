package io.kiln.runtime.api;

/**
 * One way a plugin depends on another, as the framework sees it now: a package it imports from it, a service of it in
 * use, and so on. Two plugins may be linked several ways (a package and a service, say): one link each.
 *
 * @param dependent         the plugin that uses something of the provider
 * @param provider          the plugin it uses it from
 * @param kind              what it uses, and how
 * @param used              what exactly: the package and its version ({@code io.acme.api 1.0.0}) for
 *                          {@link LinkKind#IMPORTS_PACKAGE}, the bundle's name for {@link LinkKind#REQUIRES_BUNDLE}, the
 *                          namespace for {@link LinkKind#REQUIRES_CAPABILITY}, the service's interfaces (comma-separated)
 *                          for a service
 * @param why               the link in words, as {@link DependentChange#why()} says it, for example
 *                          {@code uses service io.acme.api.Greeter (no handle: registered with kiln.call.direct=true)}
 * @param restartsDependent whether a new build of the provider restarts the dependent through this link: a wire does
 *                          (the provider is refreshed, and what is wired to it with it), a service used without a handle
 *                          does (DS unbinds it), a service used through a handle does not (its calls wait for the new
 *                          build), as long as the new build still offers that service
 * @since 2.4
 */
public record PluginLink(String dependent, String provider, LinkKind kind, String used, String why, boolean restartsDependent) {
}
