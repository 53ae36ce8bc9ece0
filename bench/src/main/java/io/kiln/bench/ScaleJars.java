package io.kiln.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * The plugins of the scale benchmark: many small DS plugins ({@link ProbeJar#component}), and a chain of DS plugins in
 * which each link imports the package the link before it exports, so that an update of the root refreshes and restarts
 * every link after it. Each component records {@code <name>-<version>.active} when SCR activates it.
 */
final class ScaleJars {

    static final String CHAIN = "kiln.bench.chain";

    private ScaleJars() {
    }

    static String small(int i) {
        return "kiln.bench.scale" + i;
    }

    static String fileOf(String name) {
        return name + ".jar";
    }

    static String link(int i) {
        return CHAIN + i;
    }

    /**
     * Link {@code i} of the chain: exports package {@code kiln.bench.chain.l<i>} (empty: only its wiring matters) and,
     * past the root, imports the package of link {@code i - 1}.
     */
    static byte[] chainLink(int i, String version, Path out) {
        String name = link(i);
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="%s" immediate="true" activate="activate">
                  <implementation class="io.kiln.bench.probe.ComponentProbe"/>
                </scr:component>
                """.formatted(name);
        Manifest manifest = ProbeJar.manifest(name, version, out);
        Attributes main = manifest.getMainAttributes();
        String imports = "org.osgi.framework;version=\"[1.8,2)\"";
        if (i > 0) {
            imports += "," + linkPackage(i - 1) + ";version=\"[1.0,2)\"";
        }
        main.putValue("Import-Package", imports);
        main.putValue("Export-Package", linkPackage(i) + ";version=\"1.0.0\"");
        main.putValue("Service-Component", "OSGI-INF/" + name + ".xml");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("OSGI-INF/" + name + ".xml", xml.getBytes(StandardCharsets.UTF_8));
        entries.put(ProbeJar.probeEntry("ComponentProbe"), ProbeJar.probeClass("ComponentProbe"));
        entries.put(ProbeJar.probeEntry("Stamp"), ProbeJar.probeClass("Stamp"));
        return JarBytes.write(manifest, entries);
    }

    private static String linkPackage(int i) {
        return CHAIN + ".l" + i;
    }
}
