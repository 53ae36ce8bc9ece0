/**
 * Agents: a prompt and a list of capabilities (skill names and plugin names), configured by a factory
 * configuration {@code conf/kiln.agent~<id>.cfg} and published as {@link io.kiln.api.agent.Agent} services.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.kiln.api.agent;
