package io.kiln.runtime.api;

import java.util.Locale;

/**
 * Something a plugin left behind when it stopped that keeps its class loader, and so all its classes, in memory: a
 * thread it started and did not stop, a JDBC driver it registered, a shutdown hook, a timer. Kiln looks for them
 * each time a plugin stops for an update, a rollback, a reload, a disable or an uninstall, and cleans up what can be
 * cleaned safely.
 *
 * @param kind        what it is
 * @param description which one, for a person: the thread's name and the plugin class it runs, the driver's class
 * @param handling    what Kiln did about it
 */
public record Leftover(Kind kind, String description, Handling handling) {

    /** What a plugin left behind. */
    public enum Kind {
        /** A live thread that runs the plugin's code, or whose context class loader is the plugin's. */
        THREAD,
        /** A {@code java.sql.Driver} of the plugin's, registered with {@code java.sql.DriverManager}. */
        JDBC_DRIVER,
        /** A shutdown hook ({@code Runtime.addShutdownHook}) whose thread is the plugin's or runs its code. */
        SHUTDOWN_HOOK,
        /** A {@code java.util.Timer} with tasks of the plugin's still scheduled. */
        TIMER;

        /** @return the name used in files and JSON: the constant in lower case ({@code jdbc_driver}) */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What Kiln did about a leftover. */
    public enum Handling {
        /** Removed: a driver deregistered, a shutdown hook removed (the plugin it would run against is gone), a timer cancelled. */
        REMOVED,
        /** A thread running the plugin's code was interrupted, and it ended. */
        ENDED,
        /** A thread running the plugin's code was interrupted, and it did not end in time: it still holds the plugin's classes. */
        STILL_RUNNING,
        /** Left as it was, because Kiln cannot clean it up safely (a thread that only has the plugin's context class loader). */
        REPORTED;

        /** @return the name used in files and JSON: the constant in lower case ({@code still_running}) */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @return one line for a person, such as {@code thread "worker" (acme.Worker): interrupted, did not end} */
    public String text() {
        String done = switch (handling) {
            case REMOVED -> kind == Kind.JDBC_DRIVER ? "deregistered" : kind == Kind.TIMER ? "cancelled" : "removed";
            case ENDED -> "interrupted, ended";
            case STILL_RUNNING -> "interrupted, did not end";
            case REPORTED -> "left as it is";
        };
        return kind.label().replace('_', ' ') + " " + description + ": " + done;
    }
}
