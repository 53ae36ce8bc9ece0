/**
 * What other plugins call: the {@link ${package}.Greeter} service. Exported and versioned, so that a caller
 * imports it with a version range and an incompatible change cannot slip out under the same version.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package ${package};
