package io.kiln.runtime.internal.config;

import java.math.BigDecimal;
import java.util.Optional;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * The {@code min} and {@code max} of one attribute, as its Metatype XML declares them: a number's bounds, or a
 * text's length. The OSGi Metatype API does not expose them, and Felix Metatype's own refusal does not name them.
 *
 * @param min the lower bound as declared, or {@code null}
 * @param max the upper bound as declared, or {@code null}
 */
record AttributeBounds(String min, String max) {

    /**
     * @param text  the value as written
     * @param typed the value converted to the attribute's type
     * @return why the value is out of bounds, or empty
     */
    Optional<String> violation(AttributeDefinition attribute, String text, Object typed) {
        switch (attribute.getType()) {
            case AttributeDefinition.LONG, AttributeDefinition.INTEGER, AttributeDefinition.SHORT, AttributeDefinition.BYTE,
                    AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> {
                double exact = ((Number) typed).doubleValue();
                if (Double.isNaN(exact)) {
                    return Optional.empty();
                }
                if (number(min) != null && compare(typed, number(min)) < 0) {
                    return Optional.of("'" + text.trim() + "' is less than the minimum " + min.trim());
                }
                if (number(max) != null && compare(typed, number(max)) > 0) {
                    return Optional.of("'" + text.trim() + "' is greater than the maximum " + max.trim());
                }
            }
            case AttributeDefinition.STRING, AttributeDefinition.PASSWORD -> {
                Integer shortest = length(min);
                Integer longest = length(max);
                if (shortest != null && text.length() < shortest) {
                    return Optional.of("'" + text + "' is shorter than the minimum length " + shortest);
                }
                if (longest != null && text.length() > longest) {
                    return Optional.of("'" + text + "' is longer than the maximum length " + longest);
                }
            }
            default -> {
                // bounds of other types are left to the Metatype service
            }
        }
        return Optional.empty();
    }

    private static int compare(Object typed, BigDecimal bound) {
        if (typed instanceof Double || typed instanceof Float) {
            double value = ((Number) typed).doubleValue();
            return Double.isInfinite(value) ? (value > 0 ? 1 : -1) : BigDecimal.valueOf(value).compareTo(bound);
        }
        return BigDecimal.valueOf(((Number) typed).longValue()).compareTo(bound);
    }

    /** A bound that is not a number bounds nothing: the plugin's build should have said so. */
    private static BigDecimal number(String bound) {
        try {
            return bound == null || bound.isBlank() ? null : new BigDecimal(bound.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer length(String bound) {
        BigDecimal number = number(bound);
        return number == null ? null : number.intValue();
    }
}
