package io.kiln.runtime.internal.logging;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.kiln.runtime.api.LoggingService;
import io.kiln.runtime.internal.config.SectionCheck;
import io.kiln.runtime.internal.config.SectionException;

/**
 * Checks the logging section: before delivery, its {@code log4j2.*} keys ({@link Log4jProperties}); after, Pax
 * Logging's own verdict, which it posts through Event Admin once Log4j has been configured (an {@code exception}
 * property when it failed), together with the errors Log4j noted in its status log meanwhile (an appender type it
 * has no plugin for, a file it cannot open). A section either verdict refuses is put back to the last good one.
 */
@Component(service = { SectionCheck.class, EventHandler.class },
        property = EventConstants.EVENT_TOPIC + "=" + LoggingSectionCheck.CONFIGURATION_TOPIC)
public final class LoggingSectionCheck implements SectionCheck, EventHandler {

    /** Where Pax Logging posts the outcome of each configuration it was given. */
    static final String CONFIGURATION_TOPIC = "org/ops4j/pax/logging/Configuration";

    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();

    /** Without Event Admin Pax Logging says nothing of how a configuration went: this check waits for it. */
    @Activate
    public LoggingSectionCheck(@Reference EventAdmin eventAdmin) {
    }

    @Override
    public String pid() {
        return LoggingService.SECTION_PID;
    }

    @Override
    public List<String> validate(String file, Dictionary<String, Object> values) throws SectionException {
        return Log4jProperties.check(file, texts(values));
    }

    static Map<String, String> texts(Dictionary<String, ?> values) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Enumeration<String> keys = values.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            texts.put(key, String.valueOf(values.get(key)));
        }
        return texts;
    }

    @Override
    public Verdict delivering() {
        Pending verdict = new Pending();
        pending.add(verdict);
        StatusLogger.getLogger().registerListener(verdict.errors);
        return verdict;
    }

    @Override
    public void handleEvent(Event event) {
        // Kiln delivers one logging section at a time and waits for each verdict, so the oldest waiting is this one's
        Pending first = pending.poll();
        if (first != null) {
            first.outcome.complete(event);
        }
    }

    /** One delivery's verdict: Pax Logging's event, and the errors Log4j notes in its status log until it comes. */
    private final class Pending implements Verdict {

        private final CompletableFuture<Event> outcome = new CompletableFuture<>();
        private final ErrorsNoted errors = new ErrorsNoted();

        @Override
        public List<String> problems(long timeoutMillis) throws InterruptedException {
            Event event;
            try {
                event = outcome.get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return List.of("Pax Logging did not say within " + timeoutMillis + " ms whether Log4j took it");
            } catch (ExecutionException e) {
                return List.of("Pax Logging's verdict was lost: " + e.getCause());
            } finally {
                StatusLogger.getLogger().removeListener(errors);
            }
            List<String> problems = new ArrayList<>();
            if (event.getProperty("exception") instanceof Throwable refused) {
                problems.add("Log4j refused it: " + describe(refused));
            }
            errors.said().ifPresent(problems::add);
            return problems;
        }

        @Override
        public void close() {
            pending.remove(this);
            StatusLogger.getLogger().removeListener(errors);
        }
    }

    /** The errors Log4j notes in its status log while it takes a configuration. */
    private static final class ErrorsNoted implements StatusListener {

        private static final int SHOWN_ERRORS = 3;

        private final Set<String> noted = new LinkedHashSet<>();

        Optional<String> said() {
            synchronized (noted) {
                if (noted.isEmpty()) {
                    return Optional.empty();
                }
                // the first errors say what is wrong; the rest follow from them (an appender not made is then missing)
                List<String> first = noted.stream().limit(SHOWN_ERRORS).toList();
                return Optional.of("Log4j says: " + String.join("; ", first)
                        + (noted.size() > first.size() ? " (and " + (noted.size() - first.size()) + " more)" : ""));
            }
        }

        @Override
        public void log(StatusData status) {
            if (status.getLevel().isMoreSpecificThan(Level.ERROR)) {
                synchronized (noted) {
                    String message = status.getMessage().getFormattedMessage();
                    String cause = status.getThrowable() == null ? "" : describe(status.getThrowable());
                    noted.add(message.contains(cause) ? message : message + ": " + cause);
                }
            }
        }

        @Override
        public Level getStatusLevel() {
            return Level.ERROR;
        }

        /** StatusLogger closes a listener it removes: nothing to release. */
        @Override
        public void close() {
        }
    }

    private static String describe(Throwable problem) {
        Throwable cause = problem;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    }
}
