package io.kiln.runtime.internal.config;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} (an environment variable) and {@code ${prop:NAME}} (a framework or system
 * property) in a section's values when it is applied. The file keeps the placeholders: secrets and per-machine
 * values are never written back expanded.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(env|prop):([^}]+)}");

    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> properties;

    Placeholders(UnaryOperator<String> environment, UnaryOperator<String> properties) {
        this.environment = environment;
        this.properties = properties;
    }

    /**
     * @throws SectionException naming the file, the key and the placeholder that is not set
     */
    String resolve(String file, String key, String value) throws SectionException {
        Matcher matcher = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(2).trim();
            String replacement = "env".equals(matcher.group(1)) ? environment.apply(name) : properties.apply(name);
            if (replacement == null) {
                throw new SectionException(file + ": " + key + ": " + matcher.group() + " is not set");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
