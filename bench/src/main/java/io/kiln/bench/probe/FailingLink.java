package io.kiln.bench.probe;

import io.kiln.sample.chain.ChainLink;

/**
 * The alpha link of a version that cannot start: its constructor throws, so the component fails to activate and
 * Kiln rolls the update back (the calls benchmark's failed swap, as the itest's {@code alpha-broken.jar}).
 */
public final class FailingLink implements ChainLink {

    public FailingLink() {
        throw new IllegalStateException("kiln bench: alpha 9.0.0 cannot start, on purpose");
    }

    @Override
    public String describe() {
        return "alpha 9.0.0";
    }
}
