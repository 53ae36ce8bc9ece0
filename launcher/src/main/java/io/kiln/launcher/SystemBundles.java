package io.kiln.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Installs and starts the core bundles from {@code system/}: the OSGi services Kiln stands on, the plugin
 * API and the runtime. FileInstall starts last, so that by the time it processes {@code hot/} and
 * {@code conf/} every service a plugin may need is there; the shell starts only when asked for.
 */
final class SystemBundles {

    static final String FILE_INSTALL = "org.apache.felix.fileinstall";
    static final Set<String> SHELL = Set.of("org.apache.felix.gogo.jline", "org.jline");
    static final Set<String> REQUIRED = Set.of("org.apache.felix.scr", "org.apache.felix.configadmin",
            "org.apache.felix.metatype", FILE_INSTALL, "org.apache.felix.gogo.runtime", "kiln-plugin-api", "kiln-runtime");

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
        List<Path> jars = jars();
        uninstallRemoved(jars);
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            bundles.add(installOrUpdate(jar));
        }
        for (String name : REQUIRED) {
            if (bundles.stream().noneMatch(b -> name.equals(b.getSymbolicName()))) {
                throw new LaunchException("missing bundle: " + folder + " holds no " + name);
            }
        }
        Comparator<Bundle> order = Comparator.comparingInt(SystemBundles::rank);
        for (Bundle bundle : bundles.stream().sorted(order).toList()) {
            if (!isFragment(bundle) && !SHELL.contains(bundle.getSymbolicName())) {
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
        try {
            // transient: the launcher decides on every start, so a shell once opened is not reopened headless
            bundle.start(Bundle.START_TRANSIENT);
        } catch (BundleException e) {
            throw new LaunchException("cannot start " + bundle.getSymbolicName() + " (" + bundle.getLocation()
                    + "): " + e.getMessage(), e);
        }
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

    private static int rank(Bundle bundle) {
        String name = bundle.getSymbolicName();
        if (FILE_INSTALL.equals(name)) {
            return 1;
        }
        return SHELL.contains(name) ? 2 : 0;
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
