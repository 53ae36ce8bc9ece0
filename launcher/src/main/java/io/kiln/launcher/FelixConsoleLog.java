package io.kiln.launcher;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;

/**
 * What Felix itself says, before Pax Logging runs (a damaged cache, a bundle it cannot read): one line each, the cause
 * by its class and message, as the console says everything else. Felix's own logger would print the nested
 * exception's whole stack trace; at {@code felix.log.level = 4} (debug) this one prints it too.
 */
final class FelixConsoleLog extends Logger {

    /** The framework property through which Felix takes its logger: an instance, not a string. */
    static final String PROPERTY = "felix.log.logger";

    /** A message about a bundle or a service (the framework's own calls). */
    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String msg, Throwable throwable) {
        String about = bundle != null ? "bundle " + bundle.getSymbolicName() + " (" + bundle.getBundleId() + "): "
                : sr != null ? "service " + sr + ": " : "";
        print(level, about + msg, throwable);
    }

    /** A message about nothing in particular (the bundle cache's, the resolver's). */
    @Override
    protected void doLog(int level, String msg, Throwable throwable) {
        print(level, msg, throwable);
    }

    private void print(int level, String msg, Throwable throwable) {
        StringBuilder line = new StringBuilder("felix: ").append(label(level)).append(msg);
        Throwable cause = throwable instanceof BundleException be && be.getCause() != null ? be.getCause() : throwable;
        if (cause != null) {
            line.append(" (").append(cause.getClass().getName()).append(cause.getMessage() == null ? "" : ": " + cause.getMessage()).append(')');
        }
        System.out.println(line);
        if (cause != null && getLogLevel() >= LOG_DEBUG) {
            cause.printStackTrace(System.out);
        }
    }

    private static String label(int level) {
        return switch (level) {
            case LOG_ERROR -> "ERROR: ";
            case LOG_WARNING -> "WARNING: ";
            case LOG_INFO -> "INFO: ";
            default -> "DEBUG: ";
        };
    }
}
