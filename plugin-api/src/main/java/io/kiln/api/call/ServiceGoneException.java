package io.kiln.api.call;

/**
 * A call through a {@link CallHandle} whose plugin no longer offers the service: it was uninstalled or disabled, or
 * its running version no longer registers the service, or registers it but cannot provide it (its component fails
 * to activate) for longer than {@code calls.wait.millis}. Declarative Services deactivates a caller whose reference
 * goes, so only a call made through a handle kept after that sees the first kind.
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
