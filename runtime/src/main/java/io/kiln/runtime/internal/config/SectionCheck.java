package io.kiln.runtime.internal.config;

import java.util.Dictionary;
import java.util.List;
import java.util.Set;

/**
 * What a section's consumer checks beyond Metatype, for a section whose keys no {@code @ObjectClassDefinition} can
 * describe (Pax Logging's {@code log4j2.*} properties): before it is delivered, and once its consumer has taken it.
 * Registered as a service; {@link Sections} consults the one for the section's PID.
 */
public interface SectionCheck {

    /** Keys every section carries that are not its consumer's: ConfigAdmin's, FileInstall's and Kiln's own. */
    Set<String> FRAMEWORK_KEYS = Set.of("service.pid", "service.factoryPid", "service.bundleLocation", SectionDelivery.SOURCE,
            "felix.fileinstall.filename", "component.name", "component.id");

    /** @return the PID it checks */
    String pid();

    /**
     * @param file   the section's file name, for the messages
     * @param values the values about to be delivered, placeholders resolved
     * @return warnings: what is applied but looks wrong
     * @throws SectionException naming the file, the key and what is wrong: the section is refused untouched
     */
    List<String> validate(String file, Dictionary<String, Object> values) throws SectionException;

    /**
     * @return whether the section's configuration stays when its file goes: for a consumer the platform cannot run
     *         without in good order (logging), a file deleted by mistake must not leave it on bare defaults
     */
    default boolean keptWhenFileIsGone() {
        return false;
    }

    /**
     * The section was applied with these values, and its consumer took them: its last good configuration now.
     *
     * @param values what was delivered, placeholders resolved
     */
    default void applied(Dictionary<String, Object> values) {
    }

    /**
     * Called just before the values are delivered.
     *
     * @return what the consumer made of them, once it has taken them
     */
    Verdict delivering();

    /** The consumer's verdict on one delivery. */
    interface Verdict extends AutoCloseable {

        /**
         * Waits until the consumer has taken the delivery.
         *
         * @return what went wrong, one line each; empty if it took the values
         */
        List<String> problems(long timeoutMillis) throws InterruptedException;

        /** Stops waiting for the verdict (also when nothing was delivered). */
        @Override
        void close();
    }
}
