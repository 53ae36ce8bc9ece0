package io.kiln.http.internal;

import java.util.regex.Pattern;

/** A plugin name in a path: a bundle symbolic name, never a path. */
final class PluginNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}");

    private PluginNames() {
    }

    /** @throws ApiException 400 for anything but a plain symbolic name (no slashes, no "..", no control characters) */
    static String check(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw ApiException.badRequest("not a plugin name: '" + printable(name) + "' (letters, digits, '.', '_' and '-' only)");
        }
        return name;
    }

    private static String printable(String name) {
        if (name == null) {
            return "";
        }
        String shown = name.codePoints().limit(80).collect(StringBuilder::new,
                (b, c) -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c), StringBuilder::append).toString();
        return shown;
    }
}
