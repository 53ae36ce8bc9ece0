package io.kiln.sample.chain;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every activation and deactivation of a chain link, in the order they happen.
 * <p>
 * Register one as a service (the whiteboard pattern) to watch the links restart in dependency order.
 */
@ConsumerType
public interface ChainObserver {

    /**
     * A link changed its lifecycle state.
     *
     * @param link    the link's name, as in its {@link ChainLink#LINK} property
     * @param event   {@code "activate"} or {@code "deactivate"}
     * @param version the version of the bundle the link comes from
     */
    void lifecycle(String link, String event, String version);
}
