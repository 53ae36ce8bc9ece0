package io.kiln.runtime.internal.config;

import java.lang.reflect.Array;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.kiln.runtime.api.Outcome;

/**
 * What Kiln knows of one section: its file, whether its file was applied or refused, and the configuration its
 * components run on.
 */
record SectionState(SectionFile section, Outcome state, String reason, List<String> warnings, boolean validated,
        Map<String, Object> applied, Instant changed) {

    SectionState refused(String why, Instant when) {
        return new SectionState(section, Outcome.REJECTED, why, warnings, validated, applied, when);
    }

    /** The values delivered, as they are shown: sorted, arrays as lists, without Kiln's own mark of the file. */
    static Map<String, Object> shown(Dictionary<String, Object> values) {
        Map<String, Object> map = new TreeMap<>();
        for (Enumeration<String> keys = values.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            if (key.equals(SectionDelivery.SOURCE)) {
                continue;
            }
            Object value = values.get(key);
            map.put(key, value.getClass().isArray() ? arrayToList(value) : value);
        }
        return Collections.unmodifiableMap(map);
    }

    private static List<Object> arrayToList(Object array) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < Array.getLength(array); i++) {
            list.add(Array.get(array, i));
        }
        return list;
    }
}
