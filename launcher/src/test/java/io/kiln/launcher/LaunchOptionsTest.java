package io.kiln.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.Test;

public class LaunchOptionsTest {

    @Test
    public void noArgumentsMeansShellAtTheGivenHome() {
        LaunchOptions options = LaunchOptions.parse(List.of(), "/opt/kiln/bin/..");
        assertEquals(Path.of("/opt/kiln"), options.home());
        assertFalse(options.headless());
        assertFalse(options.help());
    }

    @Test
    public void headlessAndHelp() {
        assertTrue(LaunchOptions.parse(List.of("--headless"), "/k").headless());
        assertTrue(LaunchOptions.parse(List.of("-h"), "/k").help());
    }

    @Test
    public void withoutAHomeTheWorkingFolderIsHome() {
        assertEquals(Path.of("").toAbsolutePath(), LaunchOptions.parse(List.of(), null).home());
    }

    @Test
    public void anUnknownArgumentIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(List.of("--headles"), "/k"));
        assertEquals("unknown argument '--headles'", e.getMessage());
    }
}
