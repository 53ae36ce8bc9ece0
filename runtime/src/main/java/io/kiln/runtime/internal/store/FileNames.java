package io.kiln.runtime.internal.store;

/** File names Kiln makes from names it does not choose. */
public final class FileNames {

    private FileNames() {
    }

    /** A file name for a plugin name: bundle symbolic names may hold characters a file system refuses. */
    public static String safeName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
