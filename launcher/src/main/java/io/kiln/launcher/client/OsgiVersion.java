package io.kiln.launcher.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Maven version as bnd-maven-plugin turns it into a {@code Bundle-Version} ({@code MavenVersion.getOSGiVersion()} of
 * bndlib 7.3), with {@code -snapshot: SNAPSHOT} keeping the qualifier {@code SNAPSHOT} as it is: {@code 1.0.0-SNAPSHOT}
 * is {@code 1.0.0.SNAPSHOT}, {@code 1.2} is {@code 1.2.0}, {@code 2.0-beta-1} is {@code 2.0.0.beta-1}. bnd's rules: a
 * valid OSGi version is taken as it is; otherwise up to three numbers (leading zeros dropped, one too large for an int
 * starting the qualifier), then an optional {@code -} or {@code .}, then the qualifier, keeping only letters, digits,
 * {@code _} and {@code -}. The client does not carry bndlib: {@code OsgiVersionTest} checks this against it.
 */
final class OsgiVersion {

    private static final Pattern OSGI = Pattern.compile("(\\d{1,10})(\\.(\\d{1,10})(\\.(\\d{1,10})(\\.([-\\w]+))?)?)?");
    private static final Pattern FUZZY = Pattern.compile("(\\d+)(\\.(\\d+)(\\.(\\d+))?)?([-.]?(.*))?");

    private OsgiVersion() {
    }

    static String fromMaven(String maven) {
        String version = maven == null ? "" : maven.strip();
        if (version.isEmpty()) {
            return "0.0.0";
        }
        Matcher osgi = OSGI.matcher(version);
        if (osgi.matches() && fits(number(osgi.group(1))) && fits(number(osgi.group(3))) && fits(number(osgi.group(5)))) {
            return number(osgi.group(1)) + "." + number(osgi.group(3)) + "." + number(osgi.group(5)) + (osgi.group(7) == null ? "" : "." + osgi.group(7));
        }
        Matcher m = FUZZY.matcher(version);
        if (m.matches() && fits(number(m.group(1)))) {
            StringBuilder out = new StringBuilder(number(m.group(1)));
            String minor = number(m.group(3));
            if (!fits(minor)) {
                out.append(".0.0.").append(minor);
                qualifier(out, m.group(4));
                qualifier(out, m.group(6));
                return out.toString();
            }
            out.append('.').append(minor);
            String micro = number(m.group(5));
            if (!fits(micro)) {
                out.append(".0.").append(micro);
                qualifier(out, m.group(6));
                return out.toString();
            }
            out.append('.').append(micro);
            if (m.group(7) != null && !m.group(7).isEmpty()) {
                qualifier(out.append('.'), m.group(7));
            }
            return out.toString();
        }
        return qualifier(new StringBuilder("0.0.0."), version).toString();
    }

    /** Leading zeros dropped; an absent part is 0. */
    private static String number(String digits) {
        return digits == null ? "0" : digits.replaceFirst("^0+(?=.)", "");
    }

    private static boolean fits(String digits) {
        return digits.length() < 10 || digits.length() == 10 && digits.compareTo("2147483647") <= 0;
    }

    /** Appends the characters of {@code text} an OSGi qualifier may hold; {@code _} when there are none. */
    private static StringBuilder qualifier(StringBuilder out, String text) {
        if (text == null || text.isEmpty()) {
            return out;
        }
        int before = out.length();
        text.chars().filter(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-')
                .forEach(c -> out.append((char) c));
        return out.length() == before ? out.append('_') : out;
    }
}
