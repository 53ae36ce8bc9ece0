package io.kiln.launcher.client;

/** A failed command: its message is the one line the client prints before exiting non-zero. */
public final class ClientException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final transient Object body;

    ClientException(String message) {
        this(message, 1, null);
    }

    ClientException(String message, int exitCode, Object body) {
        super(message);
        this.exitCode = exitCode;
        this.body = body;
    }

    /** @return 1 for a failure, 2 for a bad command line */
    int exitCode() {
        return exitCode;
    }

    /** @return the API's answer, if there was one (printed with {@code --json}) */
    Object body() {
        return body;
    }
}
