package io.kiln.api.call;

/**
 * A call through a {@link CallHandle} whose plugin no longer offers the service: it was uninstalled or disabled, or
 * its running version no longer registers the service. Declarative Services deactivates a caller whose reference
 * goes, so only a call that was made through a handle kept after that sees this.
 */
public class ServiceGoneException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String plugin;

    /**
     * @param message what happened, in words
     * @param plugin  the plugin that offered the service
     */
    public ServiceGoneException(String message, String plugin) {
        super(message);
        this.plugin = plugin;
    }

    /** @return the name of the plugin that offered the service */
    public String plugin() {
        return plugin;
    }
}
