package io.kiln.sample.counter;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A number that only goes up, kept across versions of the plugin that holds it.
 */
@ProviderType
public interface Counter {

    /**
     * Adds one.
     *
     * @return the new value
     */
    long increment();

    /** @return the current value */
    long value();
}
