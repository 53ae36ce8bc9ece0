package io.kiln.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Installs and starts the core bundles from {@code system/}: the OSGi services Kiln stands on, the plugin
 * API and the runtime. FileInstall starts last, once the runtime's plugin installer is there to take the jars
 * it finds in {@code hot/}; the shell starts only when asked for.
 */
final class SystemBundles {

    static final String FILE_INSTALL = "org.apache.felix.fileinstall";
    static final Set<String> SHELL = Set.of("org.apache.felix.gogo.jline", "org.jline");
    /**
     * Front doors (the HTTP server and admin API, the Gogo command runtime): started once the plugins in
     * {@code hot/} are processed, so that plugins never wait for them. Plugins' own commands and servlets
     * register on the whiteboard whenever these arrive. (kiln-metrics is not one: it starts with the runtime, so that
     * it counts the changes made as {@code hot/} is processed; its servlet waits for kiln-http's token filter.)
     */
    static final Set<String> FRONT_DOORS = Set.of("org.apache.felix.http.jetty", "kiln-http",
            "org.apache.felix.gogo.runtime", "org.apache.felix.gogo.command", "kiln-shell", "kiln-fleet");
    /**
     * Pax Logging's API and its Log4j 2 back end, and Event Admin, through which it tells how each configuration went:
     * started before every other bundle, so that nothing logs through the API bundle's fallback (which, started late,
     * would print everything, debug included, in its own format).
     */
    static final List<String> LOGGING = List.of("org.ops4j.pax.logging.pax-logging-api", "org.ops4j.pax.logging.pax-logging-log4j2",
            "org.apache.felix.eventadmin");
    /** Without one of these the runtime cannot work; the health check bundles run every plugin's verification. */
    static final Set<String> REQUIRED = Stream.concat(LOGGING.stream(), Stream.of("org.apache.felix.scr",
            "org.apache.felix.configadmin", "org.apache.felix.metatype", FILE_INSTALL, "org.apache.felix.gogo.runtime",
            "org.apache.felix.healthcheck.api", "org.apache.felix.healthcheck.core", "kiln-plugin-api", "kiln-runtime"))
            .collect(Collectors.toUnmodifiableSet());

    private static final String LOCATION_PREFIX = "kiln:system/";

    private final BundleContext context;
    private final Path folder;

    SystemBundles(BundleContext context, Path folder) {
        this.context = context;
        this.folder = folder;
    }

    /**
     * Installs every jar in the folder (updating one whose file is newer than the installed copy, and
     * uninstalling one whose file is gone), then starts them in order, all but the shell.
     *
     * @throws LaunchException naming the bundle that is missing or failed, and why
     */
    void installAndStart() throws LaunchException {
        long begin = System.nanoTime();
        List<Path> jars = jars();
        uninstallRemoved(jars);
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            bundles.add(installOrUpdate(jar));
        }
        StartupTrace.step("installed %d bundles of system/ in %d ms", jars.size(), (System.nanoTime() - begin) / 1_000_000);
        for (String name : REQUIRED) {
            if (bundles.stream().noneMatch(b -> name.equals(b.getSymbolicName()))) {
                throw new LaunchException("missing bundle: " + folder + " holds no " + name);
            }
        }
        for (String name : LOGGING) {
            for (Bundle bundle : bundles) {
                if (name.equals(bundle.getSymbolicName())) {
                    start(bundle);
                }
            }
        }
        for (Bundle bundle : bundles) {
            String name = bundle.getSymbolicName();
            if (!isFragment(bundle) && !LOGGING.contains(name) && !SHELL.contains(name) && !FILE_INSTALL.equals(name) && !FRONT_DOORS.contains(name)) {
                start(bundle);
            }
        }
    }

    /**
     * Starts FileInstall once Kiln's installers are there to take the jars in {@code hot/} and the sections in
     * {@code conf/}, then waits
     * until the runtime has processed what FileInstall found.
     *
     * @throws LaunchException if the runtime's services do not appear, or the start-up transactions time out
     */
    void startWatcherAndAwaitPlugins(long timeoutMillis) throws LaunchException {
        // FileInstall's own handling of jars and .cfg files would take over if Kiln's installers came late
        awaitService("(kiln.role=plugin-installer)", timeoutMillis);
        awaitService("(kiln.role=config-installer)", timeoutMillis);
        for (Bundle bundle : context.getBundles()) {
            if (FILE_INSTALL.equals(bundle.getSymbolicName()) && bundle.getLocation().startsWith(LOCATION_PREFIX)) {
                start(bundle);
            }
        }
        ServiceReference<?> readiness = awaitService("(&(objectClass=java.util.concurrent.Callable)(kiln.readiness=startup))", timeoutMillis);
        Callable<?> ready = (Callable<?>) context.getService(readiness);
        try {
            if (!Boolean.TRUE.equals(ready.call())) {
                throw new LaunchException("the plugins in hot/ were not processed in time");
            }
        } catch (LaunchException e) {
            throw e;
        } catch (Exception e) {
            throw new LaunchException("waiting for the plugins in hot/ failed: " + e, e);
        } finally {
            context.ungetService(readiness);
        }
    }

    private ServiceReference<?> awaitService(String filter, long timeoutMillis) throws LaunchException {
        try {
            ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, context.createFilter(filter), null);
            tracker.open();
            try {
                if (tracker.waitForService(timeoutMillis) == null) {
                    throw new LaunchException("the Kiln runtime did not register " + filter + " within " + timeoutMillis
                            + " ms; is system/kiln-runtime.jar intact?");
                }
                return tracker.getServiceReference();
            } finally {
                tracker.close();
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while starting");
        }
    }

    /** Starts the front doors held back by {@link #installAndStart()}. */
    void startFrontDoors() throws LaunchException {
        for (Bundle bundle : context.getBundles()) {
            if (FRONT_DOORS.contains(bundle.getSymbolicName()) && bundle.getLocation().startsWith(LOCATION_PREFIX)) {
                start(bundle);
            }
        }
    }

    /** Starts the Gogo shell on this process's terminal. */
    void startShell() throws LaunchException {
        List<Bundle> shell = Stream.of(context.getBundles())
                .filter(b -> SHELL.contains(b.getSymbolicName()) && b.getLocation().startsWith(LOCATION_PREFIX))
                .sorted(Comparator.comparing(b -> !"org.jline".equals(b.getSymbolicName())))
                .toList();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            for (Bundle bundle : shell) {
                start(bundle);
                if ("org.jline".equals(bundle.getSymbolicName())) {
                    // JLine finds its terminal providers through the context class loader; from the launcher's
                    // it finds none and falls back to a dumb terminal without line editing
                    thread.setContextClassLoader(bundle.adapt(BundleWiring.class).getClassLoader());
                }
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void start(Bundle bundle) throws LaunchException {
        long begin = System.nanoTime();
        try {
            // transient: the launcher decides on every start, so a shell once opened is not reopened headless
            bundle.start(Bundle.START_TRANSIENT);
        } catch (BundleException e) {
            throw new LaunchException("cannot start " + bundle.getSymbolicName() + " (" + bundle.getLocation()
                    + "): " + e.getMessage(), e);
        }
        StartupTrace.step("started %s in %d ms", bundle.getSymbolicName(), (System.nanoTime() - begin) / 1_000_000);
    }

    private void uninstallRemoved(List<Path> jars) throws LaunchException {
        for (Bundle bundle : context.getBundles()) {
            String location = bundle.getLocation();
            if (location.startsWith(LOCATION_PREFIX)
                    && jars.stream().noneMatch(jar -> location.equals(LOCATION_PREFIX + jar.getFileName()))) {
                try {
                    bundle.uninstall();
                } catch (BundleException e) {
                    throw new LaunchException("cannot uninstall " + location + ", whose jar is gone: " + e.getMessage(), e);
                }
            }
        }
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
    }

    private List<Path> jars() throws LaunchException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new LaunchException("cannot read the core bundles in " + folder + ": " + e, e);
        }
    }

    private Bundle installOrUpdate(Path jar) throws LaunchException {
        // a location relative to the distribution, so the cache stays valid when the folder moves
        String location = LOCATION_PREFIX + jar.getFileName();
        try (InputStream in = Files.newInputStream(jar)) {
            Bundle installed = context.getBundle(location);
            if (installed == null) {
                installed = context.installBundle(location, in);
            } else if (Files.getLastModifiedTime(jar).toMillis() > installed.getLastModified()) {
                installed.update(in);
            }
            if (installed.getSymbolicName() == null) {
                installed.uninstall();
                throw new LaunchException(jar + " is not an OSGi bundle (no Bundle-SymbolicName); remove it from " + folder);
            }
            return installed;
        } catch (IOException | BundleException e) {
            throw new LaunchException("cannot install " + jar + ": " + e.getMessage(), e);
        }
    }
}
