package io.kiln.runtime.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Builds plugins from their sources inside the running Kiln and applies them: the Java compiler of the JDK Kiln runs
 * on ({@code javax.tools}, kept warm between builds), bndlib for the bundle (the DS and Metatype annotations
 * processed as the Maven build does), then the same transaction as a jar. Dev mode uses it; source folders in
 * {@code hot/} go through the same code.
 */
@ProviderType
public interface BuildService {

    /**
     * Compiles every source of the project (so no class is left stale), packages the bundle and installs or updates
     * the plugin with it, the built jar then becoming the plugin's file in {@code hot/} as with
     * {@link PluginService#install}. Sources that do not compile change nothing: the last good version keeps running,
     * and the refusal is recorded with the compiler's errors.
     *
     * @throws IllegalArgumentException if the project is not a folder holding Java sources; the message says why
     */
    BuildResult build(ProjectBuild project, Trigger trigger);
}
