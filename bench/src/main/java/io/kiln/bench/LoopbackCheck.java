package io.kiln.bench;

import java.io.IOException;
import java.util.List;

/** Stops the bench before a runtime serves anything beyond this machine's loopback. */
final class LoopbackCheck {

    /** Thrown when a measured runtime listens on an address other than loopback. */
    static final class NotLoopbackException extends IOException {
        private static final long serialVersionUID = 1L;

        NotLoopbackException(String message) {
            super(message);
        }
    }

    private LoopbackCheck() {
    }

    /**
     * @return what the process listens on, all of it on loopback
     * @throws NotLoopbackException if any socket is bound beyond loopback
     */
    static List<Listeners.Listener> verify(long pid, String product) throws IOException {
        List<Listeners.Listener> listeners = Listeners.of(pid);
        List<Listeners.Listener> outside = listeners.stream().filter(l -> !l.loopback()).toList();
        if (!outside.isEmpty()) {
            throw new NotLoopbackException(product + " listens beyond loopback: " + outside);
        }
        return listeners;
    }
}
