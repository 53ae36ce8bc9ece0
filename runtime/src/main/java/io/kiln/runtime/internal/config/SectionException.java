package io.kiln.runtime.internal.config;

/** A section file that cannot be applied; the message names the file and the cause. */
public final class SectionException extends Exception {

    private static final long serialVersionUID = 1L;

    public SectionException(String message) {
        super(message);
    }
}
