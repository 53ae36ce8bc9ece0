package io.kiln.runtime.internal.build;

import java.io.IOException;
import java.util.List;

import javax.tools.JavaFileManager;

import aQute.bnd.osgi.Jar;

/**
 * What one plugin's sources are compiled against, and where bnd finds the versions of the packages they import: a
 * project's own jars ({@link ProjectClassPath}), or what the running framework exports ({@link FrameworkClassPath}).
 */
public interface CompileClassPath {

    /** @return the compiler's view of the class path */
    JavaFileManager javaFiles();

    /**
     * @return bnd's view, the exporters of what the plugin may import: opened for one build, and closed by whoever
     *         asked for them
     * @throws IOException if a jar cannot be opened
     */
    List<Jar> bndClassPath() throws IOException;
}
