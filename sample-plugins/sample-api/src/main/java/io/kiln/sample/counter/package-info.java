/**
 * The stateful sample: a counter whose value survives updates, reloads, rollbacks and restarts.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.kiln.sample.counter;
