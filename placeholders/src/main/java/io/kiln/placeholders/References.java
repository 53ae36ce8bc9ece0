package io.kiln.placeholders;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${…}} references in a text, replaced by their values: the one place Kiln reads the syntax, for
 * {@code conf/kiln.properties} ({@code ${kiln.home}}, one setting naming another) and for configuration sections
 * ({@code ${env:NAME}}, {@code ${prop:NAME}}). Each caller says which references it takes and where their values come
 * from; a reference it does not take is left as written.
 */
public final class References {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");
    private static final String ENV = "env:";
    private static final String PROP = "prop:";

    private References() {
    }

    /** A reference taken but without a value. */
    public static final class NotSet extends Exception {

        private static final long serialVersionUID = 1L;

        private final String reference;

        NotSet(String reference) {
            super("${" + reference + "} is not set");
            this.reference = reference;
        }

        /** @return what stood between {@code ${} and {@code }} */
        public String reference() {
            return reference;
        }
    }

    /**
     * @param text  the text
     * @param takes which references to replace, by what stands between {@code ${} and {@code }}
     * @param value a taken reference's value, or {@code null} when it is not set
     * @return the text with each taken reference replaced
     * @throws NotSet naming the first taken reference without a value
     */
    public static String resolve(String text, Predicate<String> takes, Function<String, String> value) throws NotSet {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String reference = matcher.group(1);
            if (!takes.test(reference)) {
                matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group()));
                continue;
            }
            String replacement = value.apply(reference);
            if (replacement == null) {
                throw new NotSet(reference);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * Resolves the references a configuration section takes: {@code ${env:NAME}} (an environment variable) and
     * {@code ${prop:NAME}} (a framework or system property); others are left as written.
     *
     * @throws NotSet naming the first of them without a value
     */
    public static String resolveSection(String text, Function<String, String> environment, Function<String, String> properties)
            throws NotSet {
        return resolve(text, reference -> reference.startsWith(ENV) || reference.startsWith(PROP),
                reference -> reference.startsWith(ENV) ? environment.apply(reference.substring(ENV.length()).trim())
                        : properties.apply(reference.substring(PROP.length()).trim()));
    }
}
