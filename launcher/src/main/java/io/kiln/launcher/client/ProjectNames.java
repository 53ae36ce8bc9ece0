package io.kiln.launcher.client;

import java.util.regex.Pattern;

import javax.lang.model.SourceVersion;

/** The names of a new plugin project, checked before anything is written, and the names derived from them. */
final class ProjectNames {

    /** A plugin name: lower-case letters and digits, words joined by single dashes, starting with a letter. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    /** Maven's pattern for a groupId. */
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_\\-.]+");
    private static final int MAX_NAME = 64;

    private ProjectNames() {
    }

    /**
     * @return why {@code name} cannot name a plugin (its artifactId, Bundle-SymbolicName, jar and PID), or
     *         {@code null} when it can
     */
    static String checkName(String name) {
        if (!NAME.matcher(name).matches() || name.length() > MAX_NAME) {
            return "'" + name + "' is not a plugin name: use lower-case letters, digits and single dashes, starting with a letter"
                    + " and at most " + MAX_NAME + " long (e.g. hello-world)";
        }
        return null;
    }

    /** @return why {@code name} is not a Java package name ({@code a.b.c}, no keywords), or {@code null} */
    static String checkPackage(String name) {
        if (!SourceVersion.isName(name)) {
            return "'" + name + "' is not a Java package name: dot-separated Java identifiers, none of them a keyword (e.g. com.example.hello)";
        }
        // the Java platform's own: a bundle may not hold them (the framework refuses to install it)
        return name.equals("java") || name.startsWith("java.") ? "'" + name + "' is the Java platform's package: choose one of your own"
                + " (e.g. com.example.hello)" : null;
    }

    /** @return why {@code group} is not a Maven groupId, or {@code null} */
    static String checkGroup(String group) {
        return GROUP.matcher(group).matches() && !group.startsWith(".") && !group.endsWith(".") && !group.contains("..") ? null
                : "'" + group + "' is not a Maven groupId: letters, digits, '_', '-' and '.' (e.g. com.example)";
    }

    /**
     * The Gogo command scope: the name without its dashes ({@code hello-world}: {@code helloworld}). The same as the
     * archetype's default, {@code ${artifactId.replaceAll('[^A-Za-z0-9]', '')}}.
     */
    static String scope(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "");
    }

    /** The package when none is given: the group, then the name without its dashes ({@code com.example.helloworld}). */
    static String defaultPackage(String group, String name) {
        return group + "." + scope(name);
    }
}
