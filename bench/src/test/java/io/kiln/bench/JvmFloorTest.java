package io.kiln.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.Test;

public class JvmFloorTest {

    /** The distribution's own script, as the assembly copies it. */
    private static final Path HOME = Path.of("../launcher/src/dist");

    @Test
    public void eachSetHasTheOptionsBinKilnGivesItWithTheDefaultHeap() throws IOException {
        List<String> server = JvmFloor.flags(HOME, "server");
        assertTrue(server.toString(), server.contains("-Xmx1g") && server.contains("-XX:+UseSerialGC"));
        List<String> dev = JvmFloor.flags(HOME, "dev");
        assertTrue(dev.toString(), dev.contains("-Xmx512m") && dev.contains("-XX:TieredStopAtLevel=1"));
        assertEquals("nothing left for the shell to expand", List.of(), server.stream().filter(o -> o.contains("$")).toList());
    }

    @Test
    public void aSetTheScriptDoesNotKnowIsAnError() {
        IOException e = assertThrows(IOException.class, () -> JvmFloor.flags(HOME, "turbo"));
        assertTrue(e.getMessage(), e.getMessage().contains("KILN_JVM=turbo"));
    }
}
