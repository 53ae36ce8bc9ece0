package io.kiln.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * The admin API's port, checked before anything starts: Jetty would only log a bind error with its stack trace, and
 * Kiln would run without its API. Another process holding the port is the usual cause (a second Kiln).
 */
final class AdminPort {

    static final String PORT = "org.osgi.service.http.port";
    static final String HOST = "org.apache.felix.http.host";

    private AdminPort() {
    }

    /** @throws LaunchException naming the port and the setting to change when the port cannot be bound */
    static void checkFree(Map<String, String> settings) throws LaunchException {
        if ("false".equalsIgnoreCase(settings.getOrDefault("org.apache.felix.http.enable", "true").strip())) {
            return;
        }
        String value = settings.getOrDefault(PORT, "8080").strip();
        int port;
        try {
            port = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new LaunchException(KilnProperties.FILE + ": " + PORT + " must be a port number, found '" + value + "'");
        }
        if (port == 0) {
            return; // any free port
        }
        String host = settings.get(HOST);
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Jetty binds: a port in TIME_WAIT after a restart is free
            InetAddress address = host == null || host.isBlank() ? null : InetAddress.getByName(host.strip());
            socket.bind(address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port));
        } catch (UnknownHostException e) {
            throw new LaunchException(KilnProperties.FILE + ": " + HOST + " names an unknown host '" + host + "'");
        } catch (IOException e) {
            throw new LaunchException("the admin API's port " + (host == null ? "" : host.strip() + ":") + port
                    + " is in use by another process (" + e.getMessage() + "); set " + PORT + " in " + KilnProperties.FILE
                    + " or -D" + PORT + "=PORT in KILN_JAVA_OPTS (0 takes any free port)");
        }
    }
}
