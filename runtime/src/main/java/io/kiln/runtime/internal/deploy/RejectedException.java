package io.kiln.runtime.internal.deploy;

import java.util.List;

import io.kiln.runtime.api.DependentChange;

/** A change refused before the running plugin was touched; the message names the file and the cause. */
class RejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String sha256;
    private final transient List<DependentChange> dependents;

    RejectedException(String message) {
        this(message, "");
    }

    /** @param sha256 the refused content's hash, so the same content is not tried again; empty if unknown */
    RejectedException(String message, String sha256) {
        this(message, sha256, List.of());
    }

    /** @param dependents the dependents the refused content would have broken, each with what it would lack */
    RejectedException(String message, String sha256, List<DependentChange> dependents) {
        super(message);
        this.sha256 = sha256;
        this.dependents = List.copyOf(dependents);
    }

    String sha256() {
        return sha256;
    }

    List<DependentChange> dependents() {
        return dependents;
    }
}
