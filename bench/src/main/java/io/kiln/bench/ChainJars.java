package io.kiln.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * The jars of the calls benchmark: the caller probe ({@code io.kiln.bench.probe.ChainCaller}), copies of the sample
 * chain's alpha with other versions (and, for the comparison, its service marked {@code kiln.call.direct=true}), and
 * an alpha whose component fails to activate. All written reproducibly ({@link JarBytes}).
 */
final class ChainJars {

    static final String ALPHA = "kiln-sample-chain-alpha";
    private static final String ALPHA_XML = "OSGI-INF/io.kiln.sample.chain.alpha.AlphaLink.xml";
    private static final String CHAIN_PACKAGE = "io.kiln.sample.chain;version=\"[1.0,1.1)\"";
    private static final List<String> CALLER_CLASSES = List.of("ChainCaller", "Caller", "LatencyHistogram", "Stamp");

    private final byte[] sampleAlpha;

    /** @param sampleAlpha the distribution's {@code hot/kiln-sample-chain-alpha.jar} */
    ChainJars(byte[] sampleAlpha) {
        this.sampleAlpha = sampleAlpha;
    }

    /**
     * The caller probe {@code kiln-bench-calls-<phase>}: {@code threads} threads calling {@code (link=charlie)}, timed
     * after {@code warmUpMillis}.
     */
    static byte[] caller(String phase, int threads, long warmUpMillis, Path out) {
        String name = "kiln-bench-calls-" + phase;
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="%s" immediate="true" activate="activate" deactivate="deactivate">
                  <property name="phase" type="String" value="%s"/>
                  <property name="threads" type="Integer" value="%d"/>
                  <property name="warmUpMillis" type="Long" value="%d"/>
                  <reference name="top" interface="io.kiln.sample.chain.ChainLink" target="(link=charlie)"
                      cardinality="0..1" policy="dynamic" policy-option="greedy" bind="bind" unbind="unbind"/>
                  <implementation class="io.kiln.bench.probe.ChainCaller"/>
                </scr:component>
                """.formatted(name, phase, threads, warmUpMillis);
        Manifest manifest = ProbeJar.manifest(name, "1.0.0", out);
        Attributes main = manifest.getMainAttributes();
        main.putValue("Import-Package", "org.osgi.framework;version=\"[1.8,2)\"," + CHAIN_PACKAGE);
        main.putValue("Service-Component", "OSGI-INF/" + name + ".xml");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("OSGI-INF/" + name + ".xml", xml.getBytes(StandardCharsets.UTF_8));
        for (String simpleName : CALLER_CLASSES) {
            entries.put(ProbeJar.probeEntry(simpleName), ProbeJar.probeClass(simpleName));
        }
        return JarBytes.write(manifest, entries);
    }

    /** The sample alpha as built, with another Bundle-Version; {@code direct}: see {@link #link}. */
    byte[] alpha(String version, boolean direct) {
        return link(sampleAlpha, "alpha", version, direct);
    }

    /**
     * A sample link's jar as built, with another Bundle-Version; with {@code direct}, its service registered with
     * {@code kiln.call.direct=true}, so that Kiln hands callers the service itself rather than a handle.
     */
    static byte[] link(byte[] sample, String link, String version, boolean direct) {
        JarBytes.Content content = JarBytes.read(sample);
        content.manifest().getMainAttributes().putValue("Bundle-Version", version);
        Map<String, byte[]> entries = new LinkedHashMap<>(content.entries());
        if (direct) {
            String xmlEntry = content.manifest().getMainAttributes().getValue("Service-Component");
            String property = "<property name=\"link\" type=\"String\" value=\"" + link + "\"/>";
            String xml = new String(entries.get(xmlEntry), StandardCharsets.UTF_8);
            if (!xml.contains(property)) {
                throw new IllegalStateException(xmlEntry + " of the sample " + link + " no longer holds " + property);
            }
            xml = xml.replace(property, property + "\n  <property name=\"kiln.call.direct\" type=\"Boolean\" value=\"true\"/>");
            entries.put(xmlEntry, xml.getBytes(StandardCharsets.UTF_8));
        }
        return JarBytes.write(content.manifest(), entries);
    }

    /** alpha 9.0.0, whose component's constructor throws ({@code io.kiln.bench.probe.FailingLink}): rolled back. */
    static byte[] failingAlpha() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="io.kiln.sample.chain.alpha.AlphaLink" immediate="true">
                  <property name="link" type="String" value="alpha"/>
                  <service>
                    <provide interface="io.kiln.sample.chain.ChainLink"/>
                  </service>
                  <implementation class="io.kiln.bench.probe.FailingLink"/>
                </scr:component>
                """;
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", ALPHA);
        main.putValue("Bundle-Version", "9.0.0");
        main.putValue("Import-Package", CHAIN_PACKAGE);
        main.putValue("Service-Component", ALPHA_XML);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(ALPHA_XML, xml.getBytes(StandardCharsets.UTF_8));
        entries.put(ProbeJar.probeEntry("FailingLink"), ProbeJar.probeClass("FailingLink"));
        return JarBytes.write(manifest, entries);
    }
}
