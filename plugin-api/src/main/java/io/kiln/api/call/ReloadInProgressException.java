package io.kiln.api.call;

/**
 * A call through a {@link CallHandle} outlived one of Kiln's bounds while the plugin behind it was being reloaded:
 * it waited longer than {@code calls.wait.millis} for a version to serve, or it was still running on the old version
 * when that version was stopped after {@code calls.drain.millis}. The message says which plugin, which call, and for
 * how long.
 */
public class ReloadInProgressException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String plugin;
    private final long reloadMillis;

    /**
     * @param message      what happened, in words
     * @param plugin       the plugin being reloaded
     * @param reloadMillis how long its reload had been under way when the call failed
     * @param cause        what the old version threw, if it was stopped under the call; otherwise {@code null}
     */
    public ReloadInProgressException(String message, String plugin, long reloadMillis, Throwable cause) {
        super(message, cause);
        this.plugin = plugin;
        this.reloadMillis = reloadMillis;
    }

    /** @return the name of the plugin that was being reloaded */
    public String plugin() {
        return plugin;
    }

    /** @return how long, in milliseconds, its reload had been under way when the call failed */
    public long reloadMillis() {
        return reloadMillis;
    }
}
