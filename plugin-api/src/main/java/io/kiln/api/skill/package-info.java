/**
 * Skills: Markdown documents with YAML front matter, {@code skills/<name>/SKILL.md}, that Kiln reads, checks
 * and publishes as {@link io.kiln.api.skill.Skill} services, republishing on every save.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.kiln.api.skill;
