package io.kiln.runtime.internal.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.tools.JavaFileManager;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

import aQute.bnd.osgi.Jar;

/**
 * A plugin project's compile class path: plain jars, as Maven resolves them for the project. The compiler's view is
 * kept open from one build to the next (its index of each jar is then read once), and opened anew when the list or a
 * jar changes.
 */
final class ProjectClassPath implements CompileClassPath, AutoCloseable {

    private final List<Path> jars;
    private final List<String> stamps;
    private final StandardJavaFileManager javaFiles;
    private final List<Path> existing;

    ProjectClassPath(InProcessCompiler compiler, List<Path> jars) throws IOException {
        this.jars = List.copyOf(jars);
        this.stamps = stamps(jars);
        this.javaFiles = compiler.newFileManager();
        this.existing = jars.stream().filter(Files::exists).toList();
        javaFiles.setLocationFromPaths(StandardLocation.CLASS_PATH, existing);
    }

    /** @return whether this is still the class path of these jars, each as it was when opened */
    boolean sameAs(List<Path> others) {
        return jars.equals(others) && stamps.equals(stamps(others));
    }

    @Override
    public JavaFileManager javaFiles() {
        return javaFiles;
    }

    @Override
    public List<Jar> bndClassPath() throws IOException {
        List<Jar> opened = new ArrayList<>();
        for (Path jar : existing) {
            opened.add(new Jar(jar.toFile()));
        }
        return opened;
    }

    @Override
    public void close() throws IOException {
        javaFiles.close();
    }

    private static List<String> stamps(List<Path> jars) {
        List<String> stamps = new ArrayList<>();
        for (Path jar : jars) {
            try {
                stamps.add(Files.size(jar) + "@" + Files.getLastModifiedTime(jar).toMillis());
            } catch (IOException e) {
                stamps.add("missing");
            }
        }
        return stamps;
    }
}
