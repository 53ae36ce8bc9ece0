package io.kiln.bench;

import java.time.Instant;

/** Wall-clock instants in microseconds since the epoch: the unit the probes record, comparable across processes. */
final class Micros {

    private Micros() {
    }

    static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    static double toMillis(long micros) {
        return micros / 1_000.0;
    }
}
