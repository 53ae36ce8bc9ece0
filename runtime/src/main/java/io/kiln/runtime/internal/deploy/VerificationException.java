package io.kiln.runtime.internal.deploy;

/** A plugin did not pass verification after a change; the message says what does not work. */
final class VerificationException extends Exception {

    private static final long serialVersionUID = 1L;

    VerificationException(String message) {
        super(message);
    }
}
