package io.kiln.runtime.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.osgi.framework.BundleContext;

/**
 * Where the runtime finds its folders, from framework properties ({@code conf/kiln.properties}), with fallbacks
 * for a framework set up without them: Kiln's data in the runtime bundle's data area, the plugin and section
 * folders as the first and second folder FileInstall watches.
 */
public final class RuntimeFolders {

    private RuntimeFolders() {
    }

    /**
     * The one rule for names in the watched folders: a file or folder whose name starts with {@code .} or {@code _} is
     * set aside (an editor's temporary file, a plugin turned off by hand) and not taken.
     */
    public static boolean isEnabledName(String name) {
        return !name.startsWith(".") && !name.startsWith("_");
    }

    public static Path data(BundleContext context) throws IOException {
        return Files.createDirectories(folder(context, "kiln.data").orElseGet(() -> context.getDataFile("").toPath()));
    }

    public static Path hot(BundleContext context) {
        return folder(context, "kiln.hot").orElseGet(() -> watched(context, 0));
    }

    public static Path conf(BundleContext context) {
        return folder(context, "kiln.conf").orElseGet(() -> watched(context, 1));
    }

    public static Path skills(BundleContext context) {
        return folder(context, "kiln.skills").orElseGet(() -> hot(context).resolveSibling("skills"));
    }

    /**
     * The jars source folders in {@code hot/} compile against besides what the framework exports: the OSGi
     * build-time annotations, which no bundle exports at run time. Framework property {@code kiln.compile.only}
     * (the distribution's {@code lib/compile-only}); none without it.
     */
    public static java.util.Optional<Path> compileOnly(BundleContext context) {
        return folder(context, "kiln.compile.only");
    }

    private static java.util.Optional<Path> folder(BundleContext context, String property) {
        String value = context.getProperty(property);
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(Path.of(value.trim()));
    }

    private static Path watched(BundleContext context, int index) {
        String dirs = context.getProperty("felix.fileinstall.dir");
        List<String> folders = dirs == null ? List.of() : Arrays.stream(dirs.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return Path.of(index < folders.size() ? folders.get(index) : index == 0 ? "hot" : "conf");
    }
}
