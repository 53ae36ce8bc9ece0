package io.kiln.sample.chain;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One link of the sample dependency chain.
 */
@ProviderType
public interface ChainLink {

    /** The service property naming the link: {@code alpha}, {@code beta} or {@code charlie}. */
    String LINK = "link";

    /**
     * Describes this link and every link it depends on, with their bundle versions.
     *
     * @return for example {@code "charlie 1.0.0 -> beta 1.0.0 -> alpha 1.0.0"}
     */
    String describe();
}
