/**
 * The one service every front door of Kiln uses (shell, HTTP, command-line client, dev mode):
 * {@link io.kiln.runtime.api.PluginService}. Every change it makes to a plugin is a transaction — validate,
 * back up, apply, verify, commit or roll back — recorded in a persistent history.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.kiln.runtime.api;
