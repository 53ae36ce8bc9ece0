package io.kiln.runtime.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to build: a plugin project on this machine, as dev mode hands it to {@link BuildService#build}.
 *
 * @param project      the project folder: its sources in {@code src/main/java} (or {@code .java} files directly in it),
 *                     resources in {@code src/main/resources}, bnd instructions in {@code bnd.bnd}
 * @param classPath    the jars to compile against (a Maven project's compile class path); may be empty, when the
 *                     sources need nothing beyond what the running framework exports
 * @param symbolicName the bundle symbolic name to give the plugin, or empty for the one {@code bnd.bnd} sets, else the
 *                     folder's name
 * @param version      the bundle version, or the project's Maven version ({@code 1.0.0-SNAPSHOT}), turned into a bundle
 *                     version as bnd-maven-plugin does ({@code 1.0.0.SNAPSHOT}); empty for the one {@code bnd.bnd} sets,
 *                     else {@code 0.0.0}
 */
public record ProjectBuild(Path project, List<Path> classPath, String symbolicName, String version) {

    public ProjectBuild {
        Objects.requireNonNull(project, "project");
        classPath = List.copyOf(classPath);
        symbolicName = symbolicName == null ? "" : symbolicName;
        version = version == null ? "" : version;
    }
}
