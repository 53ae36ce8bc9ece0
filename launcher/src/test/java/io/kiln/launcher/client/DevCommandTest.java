package io.kiln.launcher.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.Test;

/** kiln dev's command line. */
public class DevCommandTest {

    private static DevCommand parse(String... args) {
        KilnCommand kiln = new KilnCommand(Path.of("."), Map.of(), new PrintStream(new ByteArrayOutputStream()));
        return (DevCommand) Client.commandLine(kiln).parseArgs(args).subcommand().commandSpec().userObject();
    }

    @Test
    public void debugTakesAnOptionalPort() {
        DevCommand dev = parse("dev", "--debug", "/src/p");
        assertEquals(Integer.valueOf(5005), dev.debugPort);
        assertEquals(Path.of("/src/p"), dev.projectDir);
        assertEquals(Integer.valueOf(5006), parse("dev", "--debug=5006", "/src/p").debugPort);
        assertEquals(Integer.valueOf(5007), parse("dev", "/src/p", "--debug", "5007").debugPort);
        assertEquals(Integer.valueOf(5005), parse("dev", "/src/p", "--debug").debugPort);
        assertEquals(Integer.valueOf(5005), parse("dev", "--debug", "--tests").debugPort);
        assertNull(parse("dev").debugPort);
        assertEquals(Path.of("."), parse("dev").projectDir);
    }

    @Test
    public void mavenArgumentsAndTheQuietTime() {
        DevCommand dev = parse("dev", "--maven-arg=-o", "--maven-arg", "-s", "--maven-arg=settings.xml", "--tests", "--debounce=40");
        assertEquals(List.of("-o", "-s", "settings.xml"), dev.mavenArgs);
        assertTrue(dev.tests);
        assertEquals(40, dev.debounceMillis);
        assertEquals(25, parse("dev").debounceMillis);
    }
}
