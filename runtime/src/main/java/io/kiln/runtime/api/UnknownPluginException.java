package io.kiln.runtime.api;

/** No plugin has the name given. */
public final class UnknownPluginException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String name;

    /**
     * @param name  the name asked for
     * @param known the names of the plugins there are, for the message
     */
    public UnknownPluginException(String name, java.util.Collection<String> known) {
        super("no plugin named '" + name + "'" + (known.isEmpty() ? "" : "; plugins: " + String.join(", ", known)));
        this.name = name;
    }

    /** @return the name asked for */
    public String name() {
        return name;
    }
}
