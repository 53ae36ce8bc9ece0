package io.kiln.runtime.internal.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.kiln.runtime.api.Leftover;

/** A list of {@link Leftover}s as one history field, separated as {@link Dependents} separates dependents. */
final class Leftovers {

    private static final char RECORD = '\u001e';
    private static final char UNIT = '\u001f';

    private Leftovers() {
    }

    static String format(List<Leftover> leftovers) {
        StringBuilder out = new StringBuilder();
        for (Leftover l : leftovers) {
            if (out.length() > 0) {
                out.append(RECORD);
            }
            out.append(l.kind().label()).append(UNIT).append(l.handling().label()).append(UNIT)
                    .append(l.description().replace(RECORD, ' ').replace(UNIT, ' '));
        }
        return out.toString();
    }

    static List<Leftover> parse(String field) {
        List<Leftover> leftovers = new ArrayList<>();
        if (field.isEmpty()) {
            return leftovers;
        }
        for (String one : field.split(String.valueOf(RECORD), -1)) {
            String[] parts = one.split(String.valueOf(UNIT), -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("a leftover needs 3 parts, found " + parts.length);
            }
            leftovers.add(new Leftover(Leftover.Kind.valueOf(parts[0].toUpperCase(Locale.ROOT)),
                    parts[2], Leftover.Handling.valueOf(parts[1].toUpperCase(Locale.ROOT))));
        }
        return leftovers;
    }
}
