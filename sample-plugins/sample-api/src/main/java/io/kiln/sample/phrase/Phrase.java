package io.kiln.sample.phrase;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A phrase said to someone, as its configuration section says it.
 */
@ProviderType
public interface Phrase {

    /** The service property naming the phrase: {@code greeting} or {@code farewell}. */
    String KIND = "phrase";

    /**
     * Says the phrase to someone.
     *
     * @param name who to say it to
     * @return the phrase, for example {@code "Hello, Ada!"}
     */
    String say(String name);
}
