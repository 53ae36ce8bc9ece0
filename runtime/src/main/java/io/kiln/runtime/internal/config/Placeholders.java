package io.kiln.runtime.internal.config;

import java.util.function.UnaryOperator;

import io.kiln.placeholders.References;

/**
 * Resolves {@code ${env:NAME}} (an environment variable) and {@code ${prop:NAME}} (a framework or system
 * property) in a section's values when it is applied. The file keeps the placeholders: secrets and per-machine
 * values are never written back expanded.
 */
final class Placeholders {

    private static final String ENV = "env:";
    private static final String PROP = "prop:";

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
        try {
            return References.resolve(value, reference -> reference.startsWith(ENV) || reference.startsWith(PROP),
                    reference -> reference.startsWith(ENV) ? environment.apply(reference.substring(ENV.length()).trim())
                            : properties.apply(reference.substring(PROP.length()).trim()));
        } catch (References.NotSet e) {
            throw new SectionException(file + ": " + key + ": " + e.getMessage());
        }
    }
}
