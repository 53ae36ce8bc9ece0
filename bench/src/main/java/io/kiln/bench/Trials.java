package io.kiln.bench;

import java.io.IOException;
import java.util.Optional;
import java.util.Random;

/**
 * What every series of trials on one running product shares: the random pause before a change, waiting for a
 * set-up step, and recording a trial's latency (or its loss).
 */
final class Trials {

    private final Workspace workspace;
    private final Product product;
    private final Results results;
    private final Random random;
    private final String series;

    /** @param series what cannot go on when a set-up step fails, for the message ("the latency trials") */
    Trials(Workspace workspace, Results results, Random random, String series) {
        this.workspace = workspace;
        this.product = workspace.product();
        this.results = results;
        this.random = random;
        this.series = series;
    }

    /** A random pause in the product's range, so that trials do not fall into step with its scans or timers. */
    void pause() throws InterruptedException {
        long min = product.minPause().toMillis();
        long max = product.maxPause().toMillis();
        Thread.sleep(min + (long) (random.nextDouble() * (max - min)));
    }

    /** Waits for a set-up step's probe event; without it the series cannot go on. */
    void awaitSetup(String event) throws IOException, InterruptedException {
        if (workspace.output().await(event, product.eventTimeout()).isEmpty()) {
            throw new IOException(product.name() + ": no " + event + " within " + product.eventTimeout().toSeconds()
                    + " s; " + series + " cannot go on");
        }
    }

    /** Records a trial: the latency from the change to the instant seen, or a lost trial with what was awaited. */
    void record(Measure measure, Optional<Long> seenMicros, long changedMicros, String what) {
        if (seenMicros.isPresent()) {
            results.of(measure).add(Micros.toMillis(seenMicros.get() - changedMicros));
        } else {
            results.of(measure).fail();
            results.note(measure + ": no " + what + " within " + product.eventTimeout().toSeconds() + " s");
        }
    }
}
