package io.kiln.runtime.internal.deploy;

/** A lifecycle call (an activator, an {@code @Activate}) did not return in time; the message holds its stack. */
final class StuckException extends Exception {

    private static final long serialVersionUID = 1L;

    StuckException(String message) {
        super(message);
    }
}
