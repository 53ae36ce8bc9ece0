package io.kiln.runtime.internal.config;

import java.util.function.UnaryOperator;

import io.kiln.placeholders.References;

/**
 * Resolves {@code ${env:NAME}} (an environment variable) and {@code ${prop:NAME}} (a framework or system
 * property) in a section's values when it is applied. The file keeps the placeholders: secrets and per-machine
 * values are never written back expanded.
 */
final class Placeholders {

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
            return References.resolveSection(value, environment, properties);
        } catch (References.NotSet e) {
            throw new SectionException(file + ": " + key + ": " + e.getMessage());
        }
    }
}
