package io.kiln.runtime.internal.config;

import java.util.Map;

import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * What a section should hold: the Metatype definition a bundle designates for its PID, with the bounds of its
 * attributes read from the bundle's Metatype XML.
 *
 * @param bounds attribute id to its declared {@code min}/{@code max}; attributes without bounds are absent
 */
record SectionDefinition(ObjectClassDefinition ocd, Map<String, AttributeBounds> bounds) {

    SectionDefinition {
        bounds = Map.copyOf(bounds);
    }
}
