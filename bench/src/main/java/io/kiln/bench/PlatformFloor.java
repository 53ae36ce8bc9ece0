package io.kiln.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The floor under Kiln's launch while Kiln starts all of these before its first plugin: a JVM with the same options, starting
 * Felix with the platform's third-party bundles from the distribution's {@code system/} (Pax Logging and Log4j 2, Event
 * Admin, SCR, ConfigAdmin, Metatype, FileInstall, the health checks, the OSGi utilities) into an empty cache, and no
 * Kiln bundle, no section and no plugin. Spawn → every one of those bundles started, for {@code --flags}, in the same
 * rounds as the set's Kiln launches. Installed but not started, as Kiln leaves them out of the way to the first plugin:
 * the front doors (Jetty, Gogo, JLine), which Kiln starts after the plugins (they are installed because the others
 * import from them: the health checks take Jetty's servlet packages).
 * <p>
 * Not Kiln's own settings: Felix, Pax Logging, SCR and FileInstall run with their defaults (Pax Logging's prints
 * Log4j's status lines to the console, which Kiln's logging file does not).
 * <p>
 * {@link #main} runs in the spawned JVM, with the distribution's Felix jar and this jar as its class path.
 */
final class PlatformFloor {

    /** Which of the third-party bundles a floor starts. */
    enum Scope {
        /** Every one in {@code system/} but Kiln's own. */
        ALL,
        /**
         * Only those without which Kiln's runtime cannot take a plugin (the logging back end, Event Admin, SCR,
         * ConfigAdmin, Metatype, FileInstall, the OSGi utilities SCR needs): a floor under any way of arranging Kiln's
         * start, even one that left the health checks, bndlib and the front doors until after the first plugin.
         */
        MINIMAL
    }

    /** The jars' names of {@link Scope#MINIMAL}, as the distribution names them. */
    private static final List<String> MINIMAL = List.of("pax-logging-api.jar", "pax-logging-log4j2.jar",
            "org.apache.felix.eventadmin.jar", "org.apache.felix.scr.jar", "org.apache.felix.configadmin.jar",
            "org.apache.felix.metatype.jar", "org.apache.felix.fileinstall.jar", "org.osgi.service.component.jar",
            "org.osgi.util.function.jar", "org.osgi.util.promise.jar");

    private static final String STARTED = "kiln-bench: platform started at ";
    /** Kiln's own bundles' jars. */
    private static final String KILN = "kiln-";
    /** The front doors' symbolic names: Kiln starts them once the plugins are active. */
    private static final List<String> FRONT_DOORS = List.of("org.apache.felix.http.jetty", "org.apache.felix.gogo.", "org.jline");

    private final Path kilnHome;
    private final List<Path> bundles;
    private final List<String> jvmOptions;
    private final Path work;
    private final Path cache;
    private final Path watched;
    private final Path archive;

    /**
     * @param jvmOptions the set's options, as bin/kiln gives them
     * @param work       a folder of this floor's own: its framework cache, the empty folder FileInstall watches, its
     *                   logs and its archive
     */
    PlatformFloor(Path kilnHome, Scope scope, List<String> jvmOptions, Path work) throws IOException {
        this.kilnHome = kilnHome;
        this.bundles = bundles(kilnHome, scope);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.work = work;
        this.cache = work.resolve("cache");
        this.watched = Files.createDirectories(work.resolve("load"));
        this.archive = work.resolve("floor.jsa");
    }

    /** The untimed start that writes this floor's CDS archive as its JVM exits. */
    void dumpArchive(long timeoutSeconds) throws IOException, InterruptedException {
        Files.deleteIfExists(archive);
        Path log = log("dump");
        once(List.of("-XX:ArchiveClassesAtExit=" + archive), log, timeoutSeconds);
        if (!Files.isRegularFile(archive)) {
            throw new IOException("the JVM wrote no CDS archive " + archive + "; see " + log);
        }
    }

    Path log(String label) {
        return work.resolve(label + ".log");
    }

    /**
     * @param withArchive map the archive {@link #dumpArchive} wrote
     * @return spawn → platform started in ms, or empty if it did not start within {@code timeoutSeconds} (its output
     *         is in {@link #log}{@code (label)})
     */
    OptionalDouble once(String label, boolean withArchive, long timeoutSeconds) throws IOException, InterruptedException {
        return once(withArchive ? List.of("-XX:SharedArchiveFile=" + archive) : List.of(), log(label), timeoutSeconds);
    }

    private OptionalDouble once(List<String> moreOptions, Path log, long timeoutSeconds) throws IOException, InterruptedException {
        FileTrees.delete(cache);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(moreOptions);
        command.add("-cp");
        command.add(kilnHome.resolve("lib/org.apache.felix.framework.jar") + java.io.File.pathSeparator + benchJar());
        command.add(PlatformFloor.class.getName());
        command.add(cache.toString());
        command.add(watched.toString());
        command.addAll(bundles.stream().map(Path::toString).toList());
        long spawn = Micros.now();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return OptionalDouble.empty();
        }
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(STARTED))
                .mapToDouble(l -> Micros.toMillis(Long.parseLong(l.substring(STARTED.length()).strip()) - spawn)).findFirst();
    }

    private static List<Path> bundles(Path kilnHome, Scope scope) throws IOException {
        try (Stream<Path> jars = Files.list(kilnHome.resolve("system"))) {
            return jars.filter(j -> j.getFileName().toString().endsWith(".jar"))
                    .filter(j -> !j.getFileName().toString().startsWith(KILN))
                    .filter(j -> scope == Scope.ALL || MINIMAL.contains(j.getFileName().toString())).sorted().toList();
        }
    }

    private static String benchJar() {
        try {
            return Path.of(PlatformFloor.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * In the spawned JVM: {@code CACHE WATCHED JAR...}. Pax Logging's two bundles first, as Kiln's launcher starts them,
     * then the rest in the order given; prints when the last has started, then stops the framework.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, args[0]);
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put("felix.fileinstall.dir", args[1]);
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(properties);
        framework.start();
        BundleContext context = framework.getBundleContext();
        List<Bundle> bundles = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            try (InputStream in = Files.newInputStream(Path.of(args[i]))) {
                bundles.add(context.installBundle("floor:" + Path.of(args[i]).getFileName(), in));
            }
        }
        bundles.sort((a, b) -> Boolean.compare(!isLogging(a), !isLogging(b)));
        for (Bundle bundle : bundles) {
            String name = bundle.getSymbolicName();
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null && FRONT_DOORS.stream().noneMatch(name::startsWith)) {
                bundle.start();
            }
        }
        System.out.println(STARTED + Micros.now());
        System.out.flush();
        framework.stop();
        framework.waitForStop(30_000);
        System.exit(0); // the archive, if one is asked for, is written as the JVM exits
    }

    private static boolean isLogging(Bundle bundle) {
        return bundle.getSymbolicName().startsWith("org.ops4j.pax.logging");
    }
}
