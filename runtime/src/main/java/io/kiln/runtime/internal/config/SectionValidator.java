package io.kiln.runtime.internal.config;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Checks a section's values against its Metatype definition (the component's {@code @ObjectClassDefinition})
 * and converts them to the declared types: a wrong type, a value outside the declared options or bounds, or a
 * missing required value refuses the whole section; unknown keys are only warned about. A value out of bounds is
 * refused naming the bound ({@link AttributeBounds}).
 */
final class SectionValidator {

    /** What survives validation. */
    record Validated(Dictionary<String, Object> values, List<String> warnings) {
    }

    private final Placeholders placeholders;

    SectionValidator(Placeholders placeholders) {
        this.placeholders = placeholders;
    }

    /**
     * @param definition the section's definition, or {@code null} when no bundle declares one (then the values
     *                   only have their placeholders resolved)
     * @throws SectionException naming the file, the key, what was expected and what was found
     */
    Validated validate(SectionFile section, Dictionary<String, Object> raw, SectionDefinition definition)
            throws SectionException {
        String file = section.fileName();
        Dictionary<String, Object> values = new Hashtable<>();
        for (Enumeration<String> keys = raw.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            Object value = raw.get(key);
            values.put(key, value instanceof String text ? placeholders.resolve(file, key, text) : value);
        }
        List<String> warnings = new ArrayList<>();
        if (definition == null) {
            return new Validated(values, warnings);
        }
        ObjectClassDefinition ocd = definition.ocd();
        AttributeDefinition[] attributes = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        List<String> known = new ArrayList<>();
        for (AttributeDefinition attribute : attributes == null ? new AttributeDefinition[0] : attributes) {
            known.add(attribute.getID());
            Object value = values.get(attribute.getID());
            if (value == null) {
                if (isRequired(ocd, attribute) && attribute.getDefaultValue() == null) {
                    throw new SectionException(file + ": missing required value '" + attribute.getID() + "' ("
                            + expected(attribute) + ")");
                }
                continue;
            }
            values.put(attribute.getID(), convert(file, attribute, definition.bounds().get(attribute.getID()), value));
        }
        for (Enumeration<String> keys = values.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            if (!known.contains(key) && !SectionCheck.FRAMEWORK_KEYS.contains(key)) {
                warnings.add(file + ": unknown key '" + key + "' (" + ocd.getName() + " knows: " + String.join(", ", known) + ")");
            }
        }
        return new Validated(values, warnings);
    }

    private static boolean isRequired(ObjectClassDefinition definition, AttributeDefinition attribute) {
        AttributeDefinition[] required = definition.getAttributeDefinitions(ObjectClassDefinition.REQUIRED);
        if (required == null) {
            return false;
        }
        for (AttributeDefinition candidate : required) {
            if (candidate.getID().equals(attribute.getID())) {
                return true;
            }
        }
        return false;
    }

    private static Object convert(String file, AttributeDefinition attribute, AttributeBounds bounds, Object value)
            throws SectionException {
        List<String> texts = texts(attribute, value);
        if (attribute.getCardinality() == 0 && texts.size() != 1) {
            throw new SectionException(file + ": " + attribute.getID() + ": expected one " + expected(attribute)
                    + ", found " + texts.size() + " values " + texts);
        }
        Object converted = Array.newInstance(javaType(attribute.getType()), texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Array.set(converted, i, one(file, attribute, bounds, texts.get(i)));
        }
        return attribute.getCardinality() == 0 ? Array.get(converted, 0) : converted;
    }

    /** A .cfg value is text; a list attribute takes it comma-separated. A typed .config value may be an array. */
    private static List<String> texts(AttributeDefinition attribute, Object value) {
        List<String> texts = new ArrayList<>();
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                texts.add(String.valueOf(Array.get(value, i)));
            }
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(item -> texts.add(String.valueOf(item)));
        } else if (value instanceof String text && attribute.getCardinality() != 0) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    texts.add(part.trim());
                }
            }
        } else {
            texts.add(String.valueOf(value));
        }
        return texts;
    }

    private static Object one(String file, AttributeDefinition attribute, AttributeBounds bounds, String text)
            throws SectionException {
        String[] options = attribute.getOptionValues();
        if (options != null && options.length > 0 && !List.of(options).contains(text)) {
            throw new SectionException(file + ": " + attribute.getID() + ": expected one of " + String.join(", ", options)
                    + ", found '" + text + "'");
        }
        Object typed;
        try {
            typed = switch (attribute.getType()) {
                case AttributeDefinition.LONG -> Long.valueOf(text.trim());
                case AttributeDefinition.INTEGER -> Integer.valueOf(text.trim());
                case AttributeDefinition.SHORT -> Short.valueOf(text.trim());
                case AttributeDefinition.BYTE -> Byte.valueOf(text.trim());
                case AttributeDefinition.DOUBLE -> Double.valueOf(text.trim());
                case AttributeDefinition.FLOAT -> Float.valueOf(text.trim());
                case AttributeDefinition.BOOLEAN -> bool(text.trim());
                case AttributeDefinition.CHARACTER -> character(text);
                default -> text;
            };
        } catch (IllegalArgumentException e) {
            throw new SectionException(file + ": " + attribute.getID() + ": expected " + expected(attribute) + ", found '" + text + "'");
        }
        Optional<String> outOfBounds = bounds == null ? Optional.empty() : bounds.violation(attribute, text, typed);
        if (outOfBounds.isPresent()) {
            throw new SectionException(file + ": " + attribute.getID() + ": " + outOfBounds.get());
        }
        String problem = attribute.validate(text.trim());
        if (problem != null && !problem.isEmpty()) {
            throw new SectionException(file + ": " + attribute.getID() + ": expected " + expected(attribute) + ", found '" + text
                    + "' (" + problem + ")");
        }
        return typed;
    }

    private static Boolean bool(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private static Character character(String text) {
        if (text.length() != 1) {
            throw new IllegalArgumentException("not one character");
        }
        return text.charAt(0);
    }

    static String expected(AttributeDefinition attribute) {
        String type = switch (attribute.getType()) {
            case AttributeDefinition.LONG -> "a long integer";
            case AttributeDefinition.INTEGER -> "an integer";
            case AttributeDefinition.SHORT -> "a short integer";
            case AttributeDefinition.BYTE -> "a byte";
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> "a number";
            case AttributeDefinition.BOOLEAN -> "true or false";
            case AttributeDefinition.CHARACTER -> "one character";
            case AttributeDefinition.PASSWORD -> "a password";
            default -> "text";
        };
        return attribute.getCardinality() == 0 ? type : "a comma-separated list of " + type;
    }

    private static Class<?> javaType(int type) {
        return switch (type) {
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            case AttributeDefinition.CHARACTER -> Character.class;
            default -> String.class;
        };
    }
}
