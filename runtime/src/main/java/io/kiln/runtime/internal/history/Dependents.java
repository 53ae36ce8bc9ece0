package io.kiln.runtime.internal.history;

import java.util.ArrayList;
import java.util.List;

import io.kiln.runtime.api.DependentChange;

/**
 * A list of {@link DependentChange}s as one history field: a record separator between dependents, a unit separator
 * between their parts. Neither appears in plugin names or in the reasons Kiln writes.
 */
final class Dependents {

    private static final char RECORD = '\u001e';
    private static final char UNIT = '\u001f';

    private Dependents() {
    }

    static String format(List<DependentChange> dependents) {
        StringBuilder out = new StringBuilder();
        for (DependentChange d : dependents) {
            if (out.length() > 0) {
                out.append(RECORD);
            }
            out.append(clean(d.plugin())).append(UNIT).append(clean(d.why())).append(UNIT).append(clean(d.problem()))
                    .append(UNIT).append(clean(d.restart()));
        }
        return out.toString();
    }

    static List<DependentChange> parse(String field) {
        List<DependentChange> dependents = new ArrayList<>();
        if (field.isEmpty()) {
            return dependents;
        }
        for (String one : field.split(String.valueOf(RECORD), -1)) {
            String[] parts = one.split(String.valueOf(UNIT), -1);
            // an entry written by an earlier Kiln has no restart part
            if (parts.length != 3 && parts.length != 4) {
                throw new IllegalArgumentException("a dependent needs 3 or 4 parts, found " + parts.length);
            }
            dependents.add(new DependentChange(parts[0], parts[1], parts[2], parts.length == 4 ? parts[3] : ""));
        }
        return dependents;
    }

    private static String clean(String text) {
        return text.replace(RECORD, ' ').replace(UNIT, ' ');
    }
}
