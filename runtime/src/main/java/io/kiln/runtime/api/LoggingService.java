package io.kiln.runtime.api;

import java.util.List;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The logging of a running Kiln: OPS4J Pax Logging with Log4j 2, configured by the section
 * {@code conf/org.ops4j.pax.logging.cfg}. A level set here is written into that section and applied like any change
 * to it (validated, recorded in the history, refused with the reason if it does not hold).
 */
@ProviderType
public interface LoggingService {

    /** The PID of the logging section, as Pax Logging names it. */
    String SECTION_PID = "org.ops4j.pax.logging";

    /**
     * @return the levels logging runs with now: those of the last good logging section (Log4j's root level, ERROR,
     *         when it sets none)
     */
    LogLevels levels();

    /**
     * Sets a level in the logging section and applies it.
     *
     * @param target  the empty string for the root level; a plugin's name for the loggers of its own packages; else a
     *                logger name ({@code org.eclipse.jetty})
     * @param level   the level
     * @param trigger who asks
     * @return how the change of the section ended
     * @throws UnknownSectionException if {@code conf/} holds no logging section to write the level into
     * @throws IllegalArgumentException  if the target is a plugin without classes of its own
     */
    SectionResult setLevel(String target, LogLevel level, Trigger trigger);

    /**
     * @param max at most this many
     * @return the latest messages logged, oldest first
     */
    List<LogLine> recent(int max);

    /**
     * Follows what is logged from now on.
     *
     * @param listener told of each message, on the thread that logged it: it must return quickly
     * @return closing it stops the following
     */
    Following follow(Consumer<LogLine> listener);

    /** A following of the log, until it is closed. */
    interface Following extends AutoCloseable {

        /** Stops the following; the listener is told of nothing more. */
        @Override
        void close();
    }
}
