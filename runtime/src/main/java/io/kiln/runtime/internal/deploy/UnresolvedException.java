package io.kiln.runtime.internal.deploy;

/**
 * A jar needs something no installed bundle provides. Unlike other refusals this can change without the
 * file changing: the plugin that provides it may arrive later, so the file is tried again then.
 */
final class UnresolvedException extends RejectedException {

    private static final long serialVersionUID = 1L;

    UnresolvedException(String message, String sha256) {
        super(message, sha256);
    }
}
