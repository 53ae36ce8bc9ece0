package io.kiln.itests.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this build made and the tests run, where Maven put it before the integration tests
 * ({@code target/kiln-bundles/}): the core bundles ({@code system/}), the sample plugins ({@code plugins/}) and the
 * test-only bundles ({@code test/}); and the distribution's settings and sections ({@code launcher/src/dist/conf/}).
 * Only in the driver JVM: the paths come from system properties failsafe sets.
 */
final class BuiltBundles {

    private BuiltBundles() {
    }

    /** A core bundle of the distribution's {@code system/} folder, by artifact id. */
    static Path core(String name) {
        return jar("system", name);
    }

    /** A sample plugin jar, by file name, e.g. {@code kiln-sample-chain-alpha.jar}. */
    static Path samplePlugin(String jar) {
        return jar("plugins", jar.substring(0, jar.length() - ".jar".length()));
    }

    /** A bundle the tests need in the framework (Awaitility), by artifact id. */
    static Path testBundle(String name) {
        return jar("test", name);
    }

    /** The distribution's {@code lib/compile-only}: what source plugins compile against besides the framework. */
    static Path compileOnly() {
        return jar("compile-only", "osgi.annotation").getParent();
    }

    /** The distribution's {@code conf/kiln.properties}. */
    static Path distributionProperties() {
        return Path.of(required("kiln.itest.distProperties"));
    }

    private static Path jar(String folder, String name) {
        Path jar = Path.of(required("kiln.itest.bundles")).resolve(folder).resolve(name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests through Maven ('mvn verify'), which copies it there");
        }
        return jar;
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set: run the tests through Maven ('mvn verify')");
        }
        return value;
    }
}
