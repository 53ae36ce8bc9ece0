package io.kiln.runtime.internal.deploy;

/**
 * A jar cannot be resolved yet while other transactions are still under way, one of which may bring what it
 * needs (jars dropped together arrive in no particular order): try it again once they are done.
 */
final class DeferredException extends Exception {

    private static final long serialVersionUID = 1L;

    DeferredException(String message) {
        super(message);
    }
}
