package io.kiln.runtime.internal.logging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.cm.ManagedService;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.files.AtomicFiles;
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

    /** The verdict when no one can give one: Pax Logging, or Event Admin through which it speaks, is not there. */
    private static final Verdict NONE = new Verdict() {
        @Override
        public List<String> problems(long timeoutMillis) {
            return List.of();
        }

        @Override
        public void close() {
        }
    };

    /** The framework property naming the file the launcher hands Pax Logging at start (conf/kiln.properties). */
    static final String STARTUP_PROPERTY = "kiln.log.startup";
    private static final Logger LOG = LoggerFactory.getLogger(LoggingSectionCheck.class);

    /** How long a verdict that did not come in time may still come, and be taken for its own delivery. */
    private static final long OWED_MILLIS = 60_000;

    private final BundleContext context;
    private final VerdictQueue<Event> verdicts = new VerdictQueue<>(OWED_MILLIS, System::nanoTime);

    /** Without Event Admin Pax Logging says nothing of how a configuration went. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;

    @Activate
    public LoggingSectionCheck(BundleContext context) {
        this.context = context;
    }

    @Override
    public String pid() {
        return LoggingService.SECTION_PID;
    }

    /** Logging on Pax Logging's bare defaults (WARN and above, its own format) would hide what Kiln says. */
    @Override
    public boolean keptWhenFileIsGone() {
        return true;
    }

    @Override
    public List<String> validate(String file, Dictionary<String, Object> values) throws SectionException {
        return Log4jProperties.check(file, texts(values));
    }

    private static Map<String, String> texts(Dictionary<String, ?> values) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Enumeration<String> keys = values.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            map.put(key, values.get(key));
        }
        return LoggingSection.texts(map);
    }

    /**
     * Keeps the logging just applied where the launcher hands it to Pax Logging at the next start ({@code
     * kiln.log.startup}), so that a start logs as the last good section said, not as a file refused since.
     */
    @Override
    public void applied(Dictionary<String, Object> values) {
        String startup = context.getProperty(STARTUP_PROPERTY);
        if (startup == null || startup.isBlank()) {
            return;
        }
        Properties copy = new Properties();
        texts(values).forEach(copy::setProperty);
        try {
            java.io.StringWriter text = new java.io.StringWriter();
            copy.store(text, "the logging section Kiln last applied, for Pax Logging's next start: written by Kiln");
            AtomicFiles.write(Path.of(startup), text.toString().getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            LOG.warn("Cannot keep the logging section for the next start in {}: {}", startup, e.toString());
        }
    }

    @Override
    public Verdict delivering() {
        if (eventAdmin == null || !paxLoggingListens() || onConfigAdminsThread()) {
            return NONE;
        }
        Pending verdict = new Pending(verdicts.open());
        StatusLogger.getLogger().registerListener(verdict.errors);
        return verdict;
    }

    /**
     * Whether this runs on ConfigAdmin's (Felix's) update thread, as FileInstall's first read of {@code conf/} does:
     * Pax Logging takes the section on that same thread, once this returns, so its verdict cannot be waited for here.
     */
    private static boolean onConfigAdminsThread() {
        return Thread.currentThread().getName().startsWith("CM Configuration Updater");
    }

    /** Whether Pax Logging's back end takes the section now (it registers the ManagedService of the PID). */
    private boolean paxLoggingListens() {
        try {
            return context.getServiceReferences(ManagedService.class, "(" + Constants.SERVICE_PID + "=" + pid() + ")").size() > 0;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void handleEvent(Event event) {
        // Kiln delivers one logging section at a time and waits for each verdict: the oldest waiting is this one's
        verdicts.arrived(event);
    }

    /** One delivery's verdict: Pax Logging's event, and the errors Log4j notes in its status log until it comes. */
    private static final class Pending implements Verdict {

        private final VerdictQueue<Event>.Waiting place;
        private final ErrorsNoted errors = new ErrorsNoted();

        Pending(VerdictQueue<Event>.Waiting place) {
            this.place = place;
        }

        @Override
        public List<String> problems(long timeoutMillis) throws InterruptedException {
            Optional<Event> event;
            try {
                event = place.await(timeoutMillis);
            } finally {
                StatusLogger.getLogger().removeListener(errors);
            }
            if (event.isEmpty()) {
                return List.of("Pax Logging did not say within " + timeoutMillis + " ms whether Log4j took it");
            }
            List<String> problems = new ArrayList<>();
            if (event.get().getProperty("exception") instanceof Throwable refused) {
                problems.add("Log4j refused it: " + describe(refused));
            }
            errors.said().ifPresent(problems::add);
            return problems;
        }

        @Override
        public void close() {
            place.close();
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
            // Log4j's errors while Pax Logging takes the section, on the thread ConfigAdmin (Felix's) names after the
            // PID it updates; not those of any other thread meanwhile (a file appender failing to write, a plugin's)
            if (status.getLevel().isMoreSpecificThan(Level.ERROR) && status.getThreadName() != null
                    && status.getThreadName().contains("pid=" + LoggingService.SECTION_PID)) {
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
        for (int depth = 0; cause.getCause() != null && cause.getCause() != cause && depth < 20; depth++) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    }
}
