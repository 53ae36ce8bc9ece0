package io.kiln.runtime.api;

/**
 * A package the platform exports to plugins: what a plugin may import without shipping it.
 *
 * @param name    the package, for example {@code org.slf4j}
 * @param version its version, for example {@code 1.7.36}
 * @param bundle  the symbolic name of the bundle that exports it ({@code system.bundle} for the framework and the JDK)
 * @since 2.3
 */
public record ExportedPackage(String name, String version, String bundle) {
}
