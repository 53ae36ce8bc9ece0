/**
 * The dependency chain of the samples: C needs B, B needs A. Each link is a {@link io.kiln.sample.chain.ChainLink}
 * service told apart by its {@value io.kiln.sample.chain.ChainLink#LINK} property.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.kiln.sample.chain;
