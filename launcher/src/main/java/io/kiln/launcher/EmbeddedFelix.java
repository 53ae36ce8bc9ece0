package io.kiln.launcher;

import java.io.IOException;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Flow;

import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * One running Kiln: Apache Felix, embedded through {@link FrameworkFactory}, with the core bundles started.
 */
final class EmbeddedFelix {

    private final Framework framework;
    private final SystemBundles systemBundles;
    private final long stopTimeoutMillis;
    private volatile ShellExit shellExit;

    private EmbeddedFelix(Framework framework, SystemBundles systemBundles, long stopTimeoutMillis) {
        this.framework = framework;
        this.systemBundles = systemBundles;
        this.stopTimeoutMillis = stopTimeoutMillis;
    }

    /**
     * Starts the framework and the core bundles in prepared folders ({@link Folders#prepare}); FileInstall processes {@code hot/} and {@code conf/} as part
     * of its start, so when this returns their initial contents are processed.
     *
     * @throws LaunchException with the cause in words
     */
    static EmbeddedFelix start(Folders folders, Map<String, String> settings, Flow.Publisher<String> consoleLines)
            throws LaunchException {
        FrameworkCache cache = new FrameworkCache(folders);
        Map<String, String> properties = new HashMap<>(settings);
        LoggingBootstrap.write(folders, settings).ifPresent(file -> properties.put(LoggingBootstrap.PROPERTY_FILE, file.toString()));
        cache.configure(properties);
        // Felix reads its logger from the same map, as an object: one line a message, as the console says the rest
        @SuppressWarnings({ "unchecked", "rawtypes" })
        Map<String, Object> withLogger = (Map) properties;
        withLogger.put(FelixConsoleLog.PROPERTY, new FelixConsoleLog());
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new LaunchException("no OSGi framework on the class path (lib/org.apache.felix.framework.jar)"))
                .newFramework(properties);
        try {
            framework.init();
            cache.claim();
            framework.start();
            StartupTrace.step("Felix started");
            Hashtable<String, Object> console = new Hashtable<>();
            console.put("kiln.log", "console");
            framework.getBundleContext().registerService(Flow.Publisher.class, consoleLines, console);
            SystemBundles bundles = new SystemBundles(framework.getBundleContext(), folders.system());
            bundles.installAndStart();
            bundles.startWatcherAndAwaitPlugins(startTimeoutMillis(settings));
            bundles.startFrontDoors();
            return new EmbeddedFelix(framework, bundles, stopTimeoutMillis(settings));
        } catch (BundleException | IOException e) {
            stopQuietly(framework);
            throw new LaunchException("the framework did not start: " + e.getMessage(), e);
        } catch (LaunchException | RuntimeException e) {
            stopQuietly(framework);
            throw e;
        }
    }

    private static long stopTimeoutMillis(Map<String, String> settings) throws LaunchException {
        return millis(settings, "kiln.shutdown.timeoutMillis", 10_000);
    }

    private static long startTimeoutMillis(Map<String, String> settings) throws LaunchException {
        return millis(settings, "kiln.startup.timeoutMillis", 120_000);
    }

    private static long millis(Map<String, String> settings, String name, long fallback) throws LaunchException {
        String value = settings.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new LaunchException(KilnProperties.FILE + ": " + name + " must be a number of milliseconds, found '" + value + "'");
        }
    }

    void startShell() throws LaunchException {
        shellExit = ShellExit.register(framework);
        systemBundles.startShell();
    }

    /** @return the code the shell's {@code exit} asked for, 0 if none */
    int exitStatus() {
        return shellExit == null ? 0 : shellExit.status();
    }

    /** Waits until the framework stops, whoever stopped it (the shell, a signal). */
    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    /**
     * Stops the framework and waits for it, at most the configured time.
     *
     * @return {@code true} if it stopped in time
     */
    boolean stop() {
        try {
            framework.stop();
            return framework.waitForStop(stopTimeoutMillis).getType() != FrameworkEvent.WAIT_TIMEDOUT;
        } catch (BundleException | InterruptedException e) {
            return false;
        }
    }

    private static void stopQuietly(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(5000);
        } catch (Exception ignored) {
            // already failing: the first cause is the one to report
        }
    }
}
