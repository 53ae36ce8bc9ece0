package io.kiln.runtime.internal.deploy;

/** A change refused before the running plugin was touched; the message names the file and the cause. */
class RejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String sha256;

    RejectedException(String message) {
        this(message, "");
    }

    /** @param sha256 the refused content's hash, so the same content is not tried again; empty if unknown */
    RejectedException(String message, String sha256) {
        super(message);
        this.sha256 = sha256;
    }

    String sha256() {
        return sha256;
    }
}
