/**
 * Phrases the config-driven sample plugin says; what each says follows its configuration section.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.kiln.sample.phrase;
