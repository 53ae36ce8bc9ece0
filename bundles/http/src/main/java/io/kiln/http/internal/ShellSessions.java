package io.kiln.http.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * The Gogo sessions of the remote shell: one per {@code kiln shell}, kept between its commands (variables, the last
 * result) and closed when it ends or after {@link #IDLE_MILLIS} unused; a {@code kiln exec} has a session for its one
 * command. Each command's output is captured for its answer; a session runs one command at a time.
 */
final class ShellSessions {

    /** What a command did: what it printed, its result as the Gogo shell shows one, and its error if it failed. */
    record Execution(String session, String output, String error) {

        boolean succeeded() {
            return error.isEmpty();
        }
    }

    static final long IDLE_MILLIS = TimeUnit.MINUTES.toMillis(15);
    static final int MAX_SESSIONS = 16;

    /** One session and where its output goes now: the buffer of the command it runs. */
    private static final class Remote {
        private final CommandSession session;
        private final Switch out;
        private volatile long lastUsed = System.nanoTime();

        Remote(CommandSession session, Switch out) {
            this.session = session;
            this.out = out;
        }
    }

    /** An output stream that writes into the running command's buffer. */
    private static final class Switch extends OutputStream {
        private volatile OutputStream target = OutputStream.nullOutputStream();

        @Override
        public void write(int b) throws java.io.IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            target.write(bytes, offset, length);
        }
    }

    private final CommandProcessor processor;
    private final Map<String, Remote> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    ShellSessions(CommandProcessor processor) {
        this.processor = processor;
    }

    /** Opens a session for a {@code kiln shell}; the oldest idle ones go first when there are too many. */
    String open() {
        expire();
        if (sessions.size() >= MAX_SESSIONS) {
            throw new ApiException(429, "too many shell sessions",
                    MAX_SESSIONS + " remote shells are open; end one ('exit') or wait " + TimeUnit.MILLISECONDS.toMinutes(IDLE_MILLIS)
                            + " minutes for an idle one to close");
        }
        byte[] id = new byte[12];
        random.nextBytes(id);
        String name = HexFormat.of().formatHex(id);
        sessions.put(name, create());
        return name;
    }

    /**
     * Runs one command.
     *
     * @param session the session of a {@code kiln shell}; empty for a session of its own, closed afterwards
     */
    Execution run(Optional<String> session, String command) {
        expire();
        Remote remote = session.isEmpty() ? create() : Optional.ofNullable(sessions.get(session.get()))
                .orElseThrow(() -> ApiException.notFound("no shell session '" + session.get() + "' (closed, or idle for "
                        + TimeUnit.MILLISECONDS.toMinutes(IDLE_MILLIS) + " minutes)"));
        try {
            synchronized (remote) {
                remote.lastUsed = System.nanoTime();
                return execute(remote, command, session.orElse(""));
            }
        } finally {
            if (session.isEmpty()) {
                remote.session.close();
            }
        }
    }

    void close(String session) {
        Remote remote = sessions.remove(session);
        if (remote == null) {
            throw ApiException.notFound("no shell session '" + session + "'");
        }
        remote.session.close();
    }

    void closeAll() {
        sessions.values().forEach(r -> r.session.close());
        sessions.clear();
    }

    private Execution execute(Remote remote, String command, String session) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        remote.out.target = captured;
        StringBuilder output = new StringBuilder();
        String error = "";
        try {
            Object value = remote.session.execute(command);
            remote.session.getConsole().flush();
            output.append(captured.toString(StandardCharsets.UTF_8));
            if (value != null) {
                // what the Gogo shell prints after a command: its result, formatted
                CharSequence shown = remote.session.format(value, Converter.INSPECT);
                if (shown != null && shown.length() > 0) {
                    appendLine(output, shown.toString());
                }
            }
        } catch (Exception e) {
            remote.session.getConsole().flush();
            output.append(captured.toString(StandardCharsets.UTF_8));
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            remote.out.target = OutputStream.nullOutputStream();
        }
        return new Execution(session, output.toString(), error);
    }

    private static void appendLine(StringBuilder output, String line) {
        if (output.length() > 0 && output.charAt(output.length() - 1) != '\n') {
            output.append('\n');
        }
        output.append(line).append('\n');
    }

    private Remote create() {
        Switch out = new Switch();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        // a remote command reads nothing: what it would read from a terminal is not there
        CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), print, print);
        return new Remote(session, out);
    }

    private void expire() {
        long now = System.nanoTime();
        sessions.entrySet().removeIf(e -> {
            boolean idle = TimeUnit.NANOSECONDS.toMillis(now - e.getValue().lastUsed) > IDLE_MILLIS;
            if (idle) {
                e.getValue().session.close();
            }
            return idle;
        });
    }
}
