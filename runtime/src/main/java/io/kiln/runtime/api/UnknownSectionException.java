package io.kiln.runtime.api;

/** No section file has the PID given. */
public final class UnknownSectionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param pid   the PID asked for
     * @param known the PIDs there are, for the message
     */
    public UnknownSectionException(String pid, java.util.Collection<String> known) {
        super("no section '" + pid + "'" + (known.isEmpty() ? "" : "; sections: " + String.join(", ", known)));
    }
}
