package io.kiln.runtime.internal.deploy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the plugins found at start until the platform's own sections (the logging section) are applied or found
 * unchanged. Pax Logging takes a logging section by stopping Log4j and starting it again, and drops what is logged in
 * between: a plugin that started meanwhile would lose its first lines (with a fresh framework cache, Kiln applies the
 * section just as it reinstalls the plugins its records name). Bounded, so that sections that never get read do not
 * keep the plugins down.
 */
final class PlatformSectionsGate {

    /** Long enough for Pax Logging to take its section on a loaded machine, short enough not to keep plugins down. */
    static final long WAIT_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(PlatformSectionsGate.class);

    private final CountDownLatch read = new CountDownLatch(1);

    /** The platform's sections are applied, or there were none to apply. */
    void open() {
        read.countDown();
    }

    /** Waits until {@link #open()}, or {@link #WAIT_MILLIS}. @return {@code false} if the engine is stopping */
    boolean await() {
        try {
            if (!read.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("Kiln's own sections were not read from conf/ within {} ms; the plugins found at start start without"
                        + " waiting for them", WAIT_MILLIS);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
