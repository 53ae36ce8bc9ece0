package io.kiln.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

/**
 * The process's console, line by line, for whoever wants to follow it (the admin API's event stream): everything
 * written to {@code System.out} — Kiln's log, the plugins' log, FileInstall's messages — still goes to the console,
 * and each complete line is also published through the JDK's {@link SubmissionPublisher}. A JDK type, because the
 * launcher and the bundles share no other. A reader that falls behind loses lines; the writer never waits.
 */
final class ConsoleLines extends PrintStream {

    private static final int MAX_LINE = 8192;

    private final ExecutorService delivery = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kiln-console-lines");
        thread.setDaemon(true);
        return thread;
    });
    private final SubmissionPublisher<String> publisher = new SubmissionPublisher<>(delivery, 1024);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    ConsoleLines(PrintStream console) {
        super(console, true);
    }

    /** @return the lines, to register as a service */
    Flow.Publisher<String> publisher() {
        return publisher;
    }

    @Override
    public synchronized void write(int b) {
        super.write(b);
        collect(b);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        super.write(bytes, offset, length);
        for (int i = offset; i < offset + length; i++) {
            collect(bytes[i]);
        }
    }

    private void collect(int b) {
        if (b == '\n') {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            publisher.offer(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text, (subscriber, dropped) -> false);
        } else if (line.size() < MAX_LINE) {
            line.write(b);
        }
    }

    /**
     * The process's console stays open whatever a bundle does with it: once Pax Logging had stopped with the framework,
     * this stream was found closed (checkError true), and 'Kiln stopped' went nowhere; Kiln still has to say it.
     */
    @Override
    public void close() {
        flush();
    }
}
