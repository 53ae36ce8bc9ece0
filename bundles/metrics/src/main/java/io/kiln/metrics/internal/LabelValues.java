package io.kiln.metrics.internal;

import java.util.Locale;

import io.kiln.runtime.api.BundleState;
import io.kiln.runtime.api.Outcome;

/** Label values as Prometheus users write them: lower case, as the API's own labels ({@code reload}) are. */
final class LabelValues {

    private LabelValues() {
    }

    static String of(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    static String of(BundleState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
