package io.kiln.runtime.internal.config;

/**
 * A value as it may stand in an OSGi filter: a PID may hold characters a filter gives a meaning to. OSGi filters
 * (RFC 1960 as the OSGi core specification amends it) take such a character after a backslash; RFC 4515's
 * {@code \2a} hex form would be read as the text {@code 2a}.
 */
final class FilterValues {

    private FilterValues() {
    }

    /** @return {@code value} with a backslash before each {@code \}, {@code *}, {@code (}, {@code )} and NUL */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')' || c == '\0') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** @return the filter {@code (key=value)} matching exactly this value */
    static String equal(String key, String value) {
        return "(" + key + "=" + escape(value) + ")";
    }
}
