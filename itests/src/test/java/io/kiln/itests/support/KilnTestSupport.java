package io.kiln.itests.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import io.kiln.sample.phrase.Phrase;

/**
 * What every Kiln integration test shares: a framework set up as the distribution sets it up (the same core bundles,
 * the same settings, read from the distribution's {@code conf/kiln.properties}) on the test's own Kiln home; and the
 * steps tests take in there.
 * <p>
 * A test's {@code @Configuration} method creates its {@link KilnFolders}, puts in them what must be there before the
 * framework starts, and returns {@link #kilnOptions(KilnFolders)}.
 */
public abstract class KilnTestSupport {

    /**
     * How long a change in {@code hot/} or {@code conf/} may take to show. Generous, as a test bound: the runtime
     * wakes FileInstall within milliseconds; speed itself is measured by the benchmark, not here.
     */
    protected static final Duration SOON = Duration.ofSeconds(5);

    /**
     * How long a test watches for something that must not happen: longer than the two FileInstall polls (1 s each in
     * the tests, see {@code KilnOptions}) that would act on any file the runtime did not wake it for.
     */
    protected static final Duration A_WHILE = Duration.ofSeconds(3);

    @Inject
    protected BundleContext context;

    // ---------------------------------------------------------------- driver side, in @Configuration methods

    /** The framework, bundles and settings of a Kiln whose home is {@code folders}. */
    protected static Option[] kilnOptions(KilnFolders folders) throws IOException {
        return KilnOptions.of(folders);
    }

    /** Puts sample plugins (by file name, e.g. {@code kiln-sample-api.jar}) into {@code hot/} before the start. */
    protected static void seedHot(KilnFolders folders, String... jars) throws IOException {
        for (String jar : jars) {
            Files.copy(samplePlugin(jar), folders.hot().resolve(jar));
        }
    }

    /** Puts sample plugins into {@code jars/}, for the test to {@link #deploy} them. */
    protected static void stageSamplePlugins(KilnFolders folders, String... jars) throws IOException {
        for (String jar : jars) {
            Files.copy(samplePlugin(jar), folders.jars().resolve(jar));
        }
    }

    /** A sample plugin jar as this build made it, e.g. {@code kiln-sample-chain-alpha.jar}. */
    protected static Path samplePlugin(String jar) {
        return BuiltBundles.samplePlugin(jar);
    }

    /**
     * What a plugin project compiles against, as Maven would give dev mode: the plugin API, the sample API and the
     * OSGi build-time annotations, as this build made them.
     */
    protected static java.util.List<Path> projectClassPath() throws IOException {
        java.util.List<Path> jars = new java.util.ArrayList<>();
        jars.add(BuiltBundles.core("kiln-plugin-api"));
        jars.add(BuiltBundles.samplePlugin("kiln-sample-api.jar"));
        try (java.util.stream.Stream<Path> compileOnly = Files.list(BuiltBundles.compileOnly())) {
            compileOnly.sorted().forEach(jars::add);
        }
        return jars;
    }

    /** The distribution's {@code conf/} folder as shipped, with its sample sections. */
    protected static Path distributionConf() {
        return BuiltBundles.distributionProperties().getParent();
    }

    // ---------------------------------------------------------------- in the container, in @Test methods

    protected KilnFolders folders() {
        return KilnFolders.of(context);
    }

    /**
     * Waits until the runtime has processed what was in {@code hot/} when the framework started, as the launcher
     * does before it prints "Kiln ready".
     */
    protected void awaitStartupProcessed() throws Exception {
        ServiceReference<?> readiness = await().until(() -> {
            ServiceReference<?>[] found = context.getServiceReferences(java.util.concurrent.Callable.class.getName(),
                    "(kiln.readiness=startup)");
            return found == null ? null : found[0];
        }, java.util.Objects::nonNull);
        java.util.concurrent.Callable<?> ready = (java.util.concurrent.Callable<?>) context.getService(readiness);
        try {
            assertEquals("start-up processed", Boolean.TRUE, ready.call());
        } finally {
            context.ungetService(readiness);
        }
    }

    /** Awaitility, bounded by {@link #SOON}, checking often. */
    protected static ConditionFactory await() {
        return Awaitility.await().atMost(SOON).pollInterval(Duration.ofMillis(25));
    }

    /**
     * Puts a file in place the way a careful copy does: copies it to {@code staging/}, then renames it atomically to
     * {@code target}, replacing whatever is there. FileInstall never sees a half-written file.
     */
    protected void moveIn(Path source, Path target) throws IOException {
        Path staged = Files.copy(source, folders().staging().resolve(target.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Moves these jars from {@code jars/} into {@code hot/}, one after the other, each once the one before is
     * active: for tests whose subject is not the order plugins arrive in.
     */
    protected void deploy(String... jars) throws IOException {
        for (String jar : jars) {
            Path source = folders().jars().resolve(jar);
            String symbolicName;
            try (JarFile file = new JarFile(source.toFile())) {
                symbolicName = file.getManifest().getMainAttributes().getValue(org.osgi.framework.Constants.BUNDLE_SYMBOLICNAME);
            }
            moveIn(source, folders().hot().resolve(jar));
            await().untilAsserted(() -> {
                Bundle bundle = installedBundle(symbolicName);
                assertNotNull(jar + " installed", bundle);
                assertEquals(jar + " active", Bundle.ACTIVE, bundle.getState());
            });
        }
    }

    /** Writes a text file in place atomically, as {@link #moveIn} does. */
    protected void writeIn(Path target, String text) throws IOException {
        Path staged = Files.writeString(folders().staging().resolve(target.getFileName()), text);
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The installed bundle with this symbolic name, or {@code null}. */
    protected Bundle installedBundle(String symbolicName) {
        List<Bundle> found = Stream.of(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).toList();
        if (found.size() > 1) {
            throw new AssertionError("more than one bundle named " + symbolicName + ": " + found);
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /** The {@link Phrase} services of this kind ({@code phrase} property). */
    protected Collection<ServiceReference<Phrase>> phrases(String kind) {
        try {
            return context.getServiceReferences(Phrase.class, "(" + Phrase.KIND + "=" + kind + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(kind, e);
        }
    }

    /** The one {@link Phrase} service of this kind, or {@code null} when there is none. */
    protected ServiceReference<Phrase> phrase(String kind) {
        Collection<ServiceReference<Phrase>> found = phrases(kind);
        if (found.size() > 1) {
            throw new AssertionError(found.size() + " phrase services of kind " + kind);
        }
        return found.isEmpty() ? null : found.iterator().next();
    }

    /** What the {@link Phrase} service of this kind says to {@code name}, or {@code null} when there is none. */
    protected String say(String kind, String name) {
        ServiceReference<Phrase> reference = phrase(kind);
        return reference == null ? null : say(reference, name);
    }

    protected String say(ServiceReference<Phrase> reference, String name) {
        Phrase phrase = context.getService(reference);
        if (phrase == null) {
            return null;
        }
        try {
            return phrase.say(name);
        } finally {
            context.ungetService(reference);
        }
    }

    protected static long serviceId(ServiceReference<?> reference) {
        return (Long) reference.getProperty(org.osgi.framework.Constants.SERVICE_ID);
    }

    /**
     * Deploys {@code jars/<name>-1.jar}, a {@link PluginJar#phrase} plugin {@code itest.<name>} of kind {@code name}
     * that says {@code v1}, as {@code hot/<name>.jar}, and returns its bundle once it says so.
     */
    protected Bundle runningV1(String name) throws IOException {
        moveIn(folders().jars().resolve(name + "-1.jar"), hot(name));
        await().untilAsserted(() -> assertEquals("v1", say(name, "x")));
        return installedBundle("itest." + name);
    }

    /** @return {@code hot/<name>.jar} */
    protected Path hot(String name) {
        return folders().hot().resolve(name + ".jar");
    }
}
