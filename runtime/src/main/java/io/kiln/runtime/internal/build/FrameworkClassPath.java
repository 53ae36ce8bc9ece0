package io.kiln.runtime.internal.build;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Manifest;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardLocation;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;

import aQute.bnd.osgi.Jar;

/**
 * What a source folder in {@code hot/} compiles against: every package a bundle in the running framework exports
 * (the plugin API, the OSGi services, other plugins' APIs), each from its exporter of the highest version, read from
 * the bundle itself; the framework's own packages from its jar; and the build-time annotations no bundle exports
 * ({@link SourceBuilder}'s compile-only jars). A class a bundle keeps private is not there, so a source that uses one
 * fails to compile, which says more than the bundle failing to resolve. The plugin being built is left out: its
 * sources replace its old version, which must not stand in for a class they no longer have.
 */
final class FrameworkClassPath implements CompileClassPath {

    private final Map<String, Exporter> exporters;
    private final JavaFileManager javaFiles;
    private final ProjectClassPath compileOnly;

    /** An exported package and the bundle that exports it. */
    private record Exporter(String pkg, Version version, BundleWiring wiring) {
    }

    /**
     * @param compileOnly the framework's and the compile-only jars, kept by the builder
     * @param excluded    the symbolic name of the plugin being built
     */
    FrameworkClassPath(BundleContext context, ProjectClassPath compileOnly, String excluded) {
        this.exporters = exporters(context, excluded);
        this.javaFiles = new ExportedClasses(compileOnly.javaFiles(), exporters);
        this.compileOnly = compileOnly;
    }

    @Override
    public JavaFileManager javaFiles() {
        return javaFiles;
    }

    @Override
    public List<Jar> bndClassPath() throws IOException {
        List<Jar> jars = new ArrayList<>(compileOnly.bndClassPath());
        for (BundleWiring wiring : exporters.values().stream().map(Exporter::wiring).distinct().toList()) {
            jars.add(exportsOf(wiring.getBundle()));
        }
        return jars;
    }

    private static Map<String, Exporter> exporters(BundleContext context, String excluded) {
        Map<String, Exporter> found = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getBundleId() == 0 || excluded.equals(bundle.getSymbolicName())) {
                continue; // the framework's own packages come from its jar
            }
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            if (wiring == null || !wiring.isInUse()) {
                continue;
            }
            for (BundleCapability export : wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                Map<String, Object> attributes = export.getAttributes();
                String pkg = (String) attributes.get(PackageNamespace.PACKAGE_NAMESPACE);
                Object version = attributes.get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
                Version v = version instanceof Version given ? given : Version.emptyVersion;
                Exporter before = found.get(pkg);
                if (before == null || before.version().compareTo(v) < 0) {
                    found.put(pkg, new Exporter(pkg, v, wiring));
                }
            }
        }
        return found;
    }

    /** A jar holding only the bundle's manifest: all bnd needs to give an import the exporter's version range. */
    private static Jar exportsOf(Bundle bundle) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue(Constants.BUNDLE_SYMBOLICNAME, bundle.getSymbolicName());
        String exports = bundle.getHeaders("").get(Constants.EXPORT_PACKAGE);
        if (exports != null) {
            manifest.getMainAttributes().putValue(Constants.EXPORT_PACKAGE, exports);
        }
        Jar jar = new Jar(bundle.getSymbolicName());
        jar.setManifest(manifest);
        return jar;
    }

    /** The compile-only jars' classes, and the exported packages' classes as each exporter has them. */
    private static final class ExportedClasses extends ForwardingJavaFileManager<JavaFileManager> {

        private final Map<String, Exporter> exporters;

        ExportedClasses(JavaFileManager compileOnly, Map<String, Exporter> exporters) {
            super(compileOnly);
            this.exporters = exporters;
        }

        @Override
        public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds, boolean recurse)
                throws IOException {
            Iterable<JavaFileObject> jars = super.list(location, packageName, kinds, recurse);
            Exporter exporter = exporters.get(packageName);
            if (location != StandardLocation.CLASS_PATH || !kinds.contains(JavaFileObject.Kind.CLASS) || exporter == null) {
                return jars;
            }
            List<JavaFileObject> all = new ArrayList<>();
            jars.forEach(all::add);
            String folder = packageName.replace('.', '/');
            Collection<String> names = exporter.wiring().listResources(folder, "*.class", BundleWiring.LISTRESOURCES_LOCAL);
            ClassLoader loader = exporter.wiring().getClassLoader();
            for (String name : names) {
                URL url = loader == null ? null : loader.getResource(name);
                if (url != null) {
                    String simple = name.substring(name.lastIndexOf('/') + 1, name.length() - ".class".length());
                    all.add(new BundleClass(packageName.isEmpty() ? simple : packageName + "." + simple, url));
                }
            }
            return all;
        }

        @Override
        public String inferBinaryName(Location location, JavaFileObject file) {
            return file instanceof BundleClass bundleClass ? bundleClass.binaryName : super.inferBinaryName(location, file);
        }

        @Override
        public boolean isSameFile(FileObject a, FileObject b) {
            if (a instanceof BundleClass || b instanceof BundleClass) {
                return a.toUri().equals(b.toUri());
            }
            return super.isSameFile(a, b);
        }

        /** The compile-only jars are the builder's, kept for the next build. */
        @Override
        public void close() {
        }
    }

    /** A class file inside a bundle. */
    private static final class BundleClass extends SimpleJavaFileObject {

        final String binaryName;
        private final URL url;

        BundleClass(String binaryName, URL url) {
            super(uri(url), JavaFileObject.Kind.CLASS);
            this.binaryName = binaryName;
            this.url = url;
        }

        @Override
        public InputStream openInputStream() throws IOException {
            return url.openStream();
        }

        private static URI uri(URL url) {
            try {
                return url.toURI();
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("a bundle entry's URL that is no URI: " + url, e);
            }
        }
    }
}
