package io.kiln.runtime.internal.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.EmbeddedResource;
import aQute.bnd.osgi.FileResource;
import aQute.bnd.osgi.Jar;

/**
 * Makes the bundle from compiled classes with bndlib, as {@code bnd-maven-plugin} does in a plugin's Maven build:
 * the project's {@code bnd.bnd} over the defaults {@code kiln-plugin-parent} sets, the OSGi manifest with imports
 * versioned from their exporters, and the Declarative Services and Metatype descriptors from the annotations.
 */
final class BundlePackager {

    /**
     * The instructions every plugin gets unless its {@code bnd.bnd} says otherwise: the same as
     * {@code kiln-plugin-parent}'s. Reproducible, so the same sources make the same jar (and the same hash).
     */
    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(Constants.NOEXTRAHEADERS, "true");
        defaults.put(Constants.NOIMPORTJAVA, "true");
        defaults.put(Constants.REPRODUCIBLE, "true");
        defaults.put(Constants.SNAPSHOT, "SNAPSHOT");
        return Map.copyOf(defaults);
    }

    /**
     * A bundle made.
     *
     * @param jar          its bytes
     * @param symbolicName its {@code Bundle-SymbolicName}
     * @param millis       how long bnd took
     */
    record Packaged(byte[] jar, String symbolicName, long millis) {
    }

    /** bnd refused to make the bundle; the message lists its errors. */
    static final class PackagingException extends Exception {
        private static final long serialVersionUID = 1L;

        PackagingException(String message) {
            super(message);
        }
    }

    /**
     * @param symbolicName the symbolic name, unless {@code bnd.bnd} sets one
     * @param version      the version, unless {@code bnd.bnd} sets one; empty for {@code 0.0.0}
     */
    Packaged pack(PluginSources sources, Map<String, byte[]> classes, String symbolicName, String version, CompileClassPath classPath)
            throws PackagingException, IOException {
        long start = System.nanoTime();
        List<Jar> exporters = classPath.bndClassPath();
        try (Builder builder = new Builder(); Jar content = new Jar("classes")) {
            builder.setBase(sources.folder().toFile());
            if (sources.bndFile().isPresent()) {
                builder.setProperties(sources.bndFile().get().toFile());
            }
            DEFAULTS.forEach((key, value) -> setUnlessSet(builder, key, value));
            setUnlessSet(builder, Constants.BUNDLE_SYMBOLICNAME, symbolicName);
            setUnlessSet(builder, Constants.BUNDLE_VERSION, version.isEmpty() ? "0.0.0" : version);
            classes.forEach((path, bytes) -> content.putResource(path, new EmbeddedResource(bytes, 0L)));
            for (PluginSources.Resource resource : sources.resources()) {
                content.putResource(resource.path(), new FileResource(resource.file()));
            }
            builder.setJar(content);
            exporters.forEach(builder::addClasspath);
            Jar bundle = builder.build();
            if (!builder.isOk()) {
                throw new PackagingException("bnd could not make the bundle: " + String.join("; ", builder.getErrors()));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bundle.write(bytes);
            String name = bundle.getBsn();
            return new Packaged(bytes.toByteArray(), name == null ? symbolicName : name, (System.nanoTime() - start) / 1_000_000);
        } catch (PackagingException | IOException e) {
            throw e;
        } catch (Exception e) {
            throw new PackagingException("bnd could not make the bundle: " + e);
        } finally {
            exporters.forEach(Jar::close);
        }
    }

    private static void setUnlessSet(Builder builder, String key, String value) {
        if (builder.getProperty(key) == null && !value.isEmpty()) {
            builder.setProperty(key, value);
        }
    }
}
