package io.kiln.bench;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import org.junit.Test;

public class ChainJarsTest {

    private static final String XML = "OSGI-INF/io.kiln.sample.chain.alpha.AlphaLink.xml";

    /** A stand-in for the sample alpha: its manifest and its component XML, as bnd writes them. */
    private static byte[] sampleAlpha() {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-SymbolicName", ChainJars.ALPHA);
        main.putValue("Bundle-Version", "0.1.0.SNAPSHOT");
        main.putValue("Service-Component", XML);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(XML, """
                <scr:component name="io.kiln.sample.chain.alpha.AlphaLink">
                  <property name="link" type="String" value="alpha"/>
                </scr:component>
                """.getBytes(StandardCharsets.UTF_8));
        return JarBytes.write(manifest, entries);
    }

    @Test
    public void aVersionedCopyIsTheSameBytesEachTime() {
        ChainJars jars = new ChainJars(sampleAlpha());
        byte[] first = jars.alpha("0.2.7", false);
        assertArrayEquals(first, jars.alpha("0.2.7", false));
        JarBytes.Content copy = JarBytes.read(first);
        assertEquals("0.2.7", copy.manifest().getMainAttributes().getValue("Bundle-Version"));
        assertFalse(new String(copy.entries().get(XML), StandardCharsets.UTF_8).contains("kiln.call.direct"));
    }

    @Test
    public void aDirectCopyMarksTheService() {
        JarBytes.Content copy = JarBytes.read(new ChainJars(sampleAlpha()).alpha("0.3.1", true));
        assertTrue(new String(copy.entries().get(XML), StandardCharsets.UTF_8)
                .contains("<property name=\"kiln.call.direct\" type=\"Boolean\" value=\"true\"/>"));
    }

    @Test
    public void theCallerProbeIsReproducible() {
        Path out = Path.of("/tmp/kiln-bench-out");
        assertArrayEquals(ChainJars.caller("steady", 8, 2000, out), ChainJars.caller("steady", 8, 2000, out));
        assertArrayEquals(ChainJars.failingAlpha(), ChainJars.failingAlpha());
    }
}
