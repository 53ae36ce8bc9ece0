package io.kiln.itests.support;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.UrlProvisionOption;

import io.kiln.launcher.KilnProperties;

/**
 * The Pax Exam options of a Kiln: the distribution's core bundles and settings, on a test's own Kiln home.
 */
final class KilnOptions {

    /** Pax Exam's own bundles and JUnit start at level 2, provisioned bundles at 3, the test probe at 5. */
    private static final int FILE_INSTALL_START_LEVEL = 4;

    private KilnOptions() {
    }

    static Option[] of(KilnFolders folders) throws IOException {
        HangWatch.start(); // the native container runs the framework in this JVM
        return options(
                settings(folders),
                coreBundles(),
                junitBundles(),
                // the tests run in the framework, and wait there
                bundle(BuiltBundles.testBundle("hamcrest").toUri().toString()),
                bundle(BuiltBundles.testBundle("awaitility").toUri().toString()));
    }

    /**
     * The framework properties of the distribution ({@code conf/kiln.properties}: FileInstall, the watcher, the
     * runtime), resolved as the launcher resolves them ({@code KilnProperties}) with the test's Kiln home for
     * {@code ${kiln.home}}: the tests run with what users run.
     */
    private static Option settings(KilnFolders folders) throws IOException {
        Path file = BuiltBundles.distributionProperties();
        Properties distribution = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            distribution.load(in);
        }
        // no -D overrides: the test JVM's own system properties are not the distribution's
        Map<String, String> settings = new TreeMap<>(KilnProperties.resolve(folders.home(), distribution, new Properties()));
        // each test class is a Kiln of its own: its own framework storage, emptied at start (Pax Exam's default storage
        // is shared between test classes, and ConfigAdmin's store in it would carry one class's sections into the next)
        settings.put("org.osgi.framework.storage", folders.data().resolve("cache").toString());
        settings.put("org.osgi.framework.storage.clean", "onFirstInit");
        // a short safety-net poll, so that watching "a while" for what must not happen covers two of FileInstall's scans
        settings.put("felix.fileinstall.poll", "1000");
        // the tests' conf/ has no logging section: Pax Logging's default configuration, at INFO, prints Kiln's lines
        settings.put("org.ops4j.pax.logging.DefaultServiceLog.level", "INFO");
        settings.put(KilnFolders.PROPERTY, folders.home().toString());
        // the distribution's lib/compile-only, as the build copied it
        settings.put("kiln.compile.only", BuiltBundles.compileOnly().toString());
        if (!settings.containsKey("felix.fileinstall.dir") || !settings.containsKey("felix.fileinstall.poll")) {
            throw new IllegalStateException(file + " holds no FileInstall settings");
        }
        return composite(settings.entrySet().stream()
                .map(setting -> frameworkProperty(setting.getKey()).value(setting.getValue()))
                .toArray(Option[]::new));
    }

    /** The bundles of the distribution's system/ folder, less the interactive shell; FileInstall starts last. */
    private static Option coreBundles() {
        return composite(
                // first, as in the launcher: Pax Logging, and Event Admin, which the runtime's check of the logging
                // section waits on
                core("pax-logging-api"),
                core("pax-logging-log4j2"),
                core("org.apache.felix.eventadmin"),
                core("org.osgi.util.function"),
                core("org.osgi.util.promise"),
                core("org.osgi.service.component"),
                core("org.apache.felix.scr"),
                core("org.apache.felix.configadmin"),
                core("org.apache.felix.metatype"),
                core("org.apache.felix.gogo.runtime"),
                core("org.apache.felix.gogo.command"),
                core("snakeyaml"),
                // Felix Health Checks; core's servlet imports come from Felix HTTP Jetty in the distribution, here
                // from the servlet API jars (the tests run no HTTP server)
                core("org.apache.felix.http.servlet-api"),
                core("org.osgi.service.servlet"),
                core("org.apache.felix.healthcheck.api"),
                core("org.apache.felix.healthcheck.core"),
                // bndlib, for plugins built from sources
                core("org.osgi.service.repository"),
                core("biz.aQute.bnd.util"),
                core("biz.aQute.bndlib"),
                core("kiln-plugin-api"),
                core("kiln-runtime"),
                core("kiln-shell"),
                // as in the launcher: once the runtime is there to take what FileInstall finds in hot/
                core("org.apache.felix.fileinstall").startLevel(FILE_INSTALL_START_LEVEL));
    }

    private static UrlProvisionOption core(String name) {
        return bundle(BuiltBundles.core(name).toUri().toString());
    }
}
