/**
 * Plugins built from their sources inside Kiln: the layout of a source folder or project ({@link PluginSources}),
 * the JDK's compiler kept warm ({@link InProcessCompiler}), what the sources compile against (a project's jars, or
 * what the running framework exports), and bndlib making the bundle ({@link BundlePackager}). Dev mode and source
 * folders in {@code hot/} share all of it through {@link SourceBuilder}; what a build then changes is the deploy
 * engine's part.
 */
package io.kiln.runtime.internal.build;
