package io.kiln.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes probe bundles: a manifest plus the probe classes of {@code io.kiln.bench.probe}, copied from the
 * harness's own jar. No bnd needed: an activator-only bundle is a manifest and a few classes; the Declarative
 * Services and Metatype probes also carry their {@code OSGI-INF} XML, written here by hand.
 * <p>
 * The harness never loads the probe classes (they need the OSGi API, which it does not carry); it only reads
 * their bytes, so they are named here as strings.
 */
final class ProbeJar {

    private static final String PROBE_PACKAGE = "io.kiln.bench.probe";
    private static final List<String> CLASSES = List.of("Stamp", "ProbeActivator", "ConfigProbe",
            "FailingActivator", "ComponentProbe", "ValidatedConfigProbe", "SkillProbe", "PickyActivator", "StateProbe");
    /** The manifest header that tells builds of one version of the state probe apart. */
    static final String BUILD_HEADER = "Kiln-Bench-Build";
    private static final String FRAMEWORK = "org.osgi.framework;version=\"[1.8,2)\"";

    private ProbeJar() {
    }

    /** A bundle whose activator records its start and stop in {@code out}. */
    static byte[] activator(String symbolicName, String version, Path out) {
        Manifest manifest = manifest(symbolicName, version, out);
        manifest.getMainAttributes().putValue("Bundle-Activator", PROBE_PACKAGE + ".ProbeActivator");
        manifest.getMainAttributes().putValue("Import-Package", "org.osgi.framework;version=\"[1.8,2)\"");
        return jar(manifest);
    }

    /** A bundle with a {@code ManagedService} for {@code pid} that records each new {@code stamp} in {@code out}. */
    static byte[] configProbe(String symbolicName, String version, Path out, String pid) {
        Manifest manifest = manifest(symbolicName, version, out);
        Attributes main = manifest.getMainAttributes();
        main.putValue("Bundle-Activator", PROBE_PACKAGE + ".ConfigProbe");
        main.putValue("Import-Package", "org.osgi.framework;version=\"[1.8,2)\",org.osgi.service.cm;version=\"[1.5,2)\"");
        main.putValue("Kiln-Bench-Pid", pid);
        return jar(manifest);
    }

    /** A bundle of the given version whose activator throws: an update to it fails and is rolled back. */
    static byte[] failing(String symbolicName, String version, Path out) {
        Manifest manifest = manifest(symbolicName, version, out);
        manifest.getMainAttributes().putValue("Bundle-Activator", PROBE_PACKAGE + ".FailingActivator");
        manifest.getMainAttributes().putValue("Import-Package", FRAMEWORK);
        return jar(manifest);
    }

    /**
     * A bundle whose activator records its start, except in a Kiln whose folder holds the file {@code refuse}, where it
     * throws: a release that runs on its publisher and fails on a canary.
     */
    static byte[] picky(String symbolicName, String version, Path out, String refuse) {
        Manifest manifest = manifest(symbolicName, version, out);
        manifest.getMainAttributes().putValue("Bundle-Activator", PROBE_PACKAGE + ".PickyActivator");
        manifest.getMainAttributes().putValue("Import-Package", FRAMEWORK);
        manifest.getMainAttributes().putValue("Kiln-Bench-Refuse", refuse);
        return jar(manifest);
    }

    /** A bundle with one immediate DS component that records {@code <name>-<version>.active} when activated. */
    static byte[] component(String symbolicName, String version, Path out) {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="%s" immediate="true" activate="activate">
                  <implementation class="%s.ComponentProbe"/>
                </scr:component>
                """.formatted(symbolicName, PROBE_PACKAGE);
        return dsBundle(manifest(symbolicName, version, out), Map.of("OSGI-INF/" + symbolicName + ".xml", xml));
    }

    /**
     * A bundle with a DS component that requires the configuration {@code pid}, plus the Metatype definition of
     * that pid ({@code stamp}, a required Integer), so that Kiln validates the section before applying it. The
     * component records each new {@code stamp} it is activated or modified with.
     */
    static byte[] validatedConfigProbe(String symbolicName, String version, Path out, String pid) {
        String component = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="%s" immediate="true"
                    configuration-policy="require" configuration-pid="%s" activate="activate" modified="modified">
                  <implementation class="%s.ValidatedConfigProbe"/>
                </scr:component>
                """.formatted(pid, pid, PROBE_PACKAGE);
        String metatype = """
                <?xml version="1.0" encoding="UTF-8"?>
                <metatype:MetaData xmlns:metatype="http://www.osgi.org/xmlns/metatype/v1.4.0">
                  <OCD id="%s" name="Kiln benchmark: validated configuration probe">
                    <AD id="stamp" name="stamp" type="Integer" required="true"/>
                  </OCD>
                  <Designate pid="%s">
                    <Object ocdref="%s"/>
                  </Designate>
                </metatype:MetaData>
                """.formatted(pid, pid, pid);
        return dsBundle(manifest(symbolicName, version, out), Map.of("OSGI-INF/" + pid + ".xml", component,
                "OSGI-INF/metatype/" + pid + ".xml", metatype));
    }

    /**
     * A bundle with one immediate DS component bound to {@code PluginState}: it saves its version as it deactivates and
     * says what state it found as it activates ({@code io.kiln.bench.probe.StateProbe}); the crash cycles' plugin.
     *
     * @param build empty, or a build of {@code version} to tell apart from its other builds: a manifest header of its
     *              own ({@value #BUILD_HEADER}), so the jar differs, and the probe's line names it
     */
    static byte[] stateProbe(String symbolicName, String version, String build, Path out) {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="%s" immediate="true"
                    activate="activate" deactivate="deactivate">
                  <implementation class="%s.StateProbe"/>
                  <reference name="state" interface="io.kiln.api.state.PluginState" bind="setState"/>
                </scr:component>
                """.formatted(symbolicName, PROBE_PACKAGE);
        Manifest manifest = manifest(symbolicName, version, out);
        if (!build.isEmpty()) {
            manifest.getMainAttributes().putValue(BUILD_HEADER, build);
        }
        return dsBundle(manifest, Map.of("OSGI-INF/" + symbolicName + ".xml", xml));
    }

    /** A bundle that records {@code skill-<version>.seen} each time a version of the skill {@code skill} is published. */
    static byte[] skillProbe(String symbolicName, String version, Path out, String skill) {
        Manifest manifest = manifest(symbolicName, version, out);
        Attributes main = manifest.getMainAttributes();
        main.putValue("Bundle-Activator", PROBE_PACKAGE + ".SkillProbe");
        main.putValue("Import-Package", FRAMEWORK + ",io.kiln.api.skill;version=\"[1.0,2)\"");
        main.putValue("Kiln-Bench-Skill", skill);
        return jar(manifest);
    }

    private static byte[] dsBundle(Manifest manifest, Map<String, String> resources) {
        Attributes main = manifest.getMainAttributes();
        main.putValue("Import-Package", resources.values().stream().anyMatch(x -> x.contains("io.kiln.api.state"))
                ? FRAMEWORK + ",io.kiln.api.state;version=\"[1.0,2)\"" : FRAMEWORK);
        main.putValue("Service-Component", String.join(",",
                resources.keySet().stream().filter(name -> !name.contains("/metatype/")).sorted().toList()));
        return jar(manifest, resources);
    }

    static Manifest manifest(String symbolicName, String version, Path out) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        main.putValue("Kiln-Bench-Out", out.toAbsolutePath().toString());
        return manifest;
    }

    private static byte[] jar(Manifest manifest) {
        return jar(manifest, Map.of());
    }

    private static byte[] jar(Manifest manifest, Map<String, String> resources) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                jar.putNextEntry(new JarEntry(resource.getKey()));
                jar.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
            for (String simpleName : CLASSES) {
                String entry = PROBE_PACKAGE.replace('.', '/') + "/" + simpleName + ".class";
                jar.putNextEntry(new JarEntry(entry));
                jar.write(classFile(entry));
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The class file of {@code io.kiln.bench.probe.<simpleName>}, as the harness jar holds it. */
    static byte[] probeClass(String simpleName) {
        try {
            return classFile(PROBE_PACKAGE.replace('.', '/') + "/" + simpleName + ".class");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path inside a jar of {@code io.kiln.bench.probe.<simpleName>}. */
    static String probeEntry(String simpleName) {
        return PROBE_PACKAGE.replace('.', '/') + "/" + simpleName + ".class";
    }

    private static byte[] classFile(String entry) throws IOException {
        try (InputStream in = ProbeJar.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IOException("the harness jar lacks " + entry + ": rebuild it (mvn -pl bench package)");
            }
            return in.readAllBytes();
        }
    }
}
