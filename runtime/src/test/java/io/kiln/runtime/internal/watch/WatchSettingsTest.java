package io.kiln.runtime.internal.watch;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class WatchSettingsTest {

    @Test
    public void readsCommaSeparatedFoldersAndDefaults() {
        WatchSettings settings = WatchSettings.from(Map.of("felix.fileinstall.dir", " /k/hot , /k/conf ,")::get);
        assertEquals(List.of(Path.of("/k/hot"), Path.of("/k/conf")), settings.folders());
        assertEquals(15, settings.quietMillis());
        assertEquals(5, settings.burstMillis());
        assertEquals(40, settings.burstCount());
    }

    @Test
    public void noFoldersWhenFileInstallHasNone() {
        assertTrue(WatchSettings.from(name -> null).folders().isEmpty());
    }

    @Test
    public void overridesApply() {
        WatchSettings settings = WatchSettings.from(Map.of("kiln.watch.quietMillis", "0",
                "kiln.watch.burstMillis", "2", "kiln.watch.burstCount", "3")::get);
        assertEquals(0, settings.quietMillis());
        assertEquals(2, settings.burstMillis());
        assertEquals(3, settings.burstCount());
    }

    @Test
    public void aMistypedNumberNamesThePropertyAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WatchSettings.from(Map.of("kiln.watch.quietMillis", "fast")::get));
        assertTrue(e.getMessage(), e.getMessage().contains("kiln.watch.quietMillis") && e.getMessage().contains("'fast'"));
    }

    @Test
    public void outOfRangeIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> WatchSettings.from(Map.of("kiln.watch.burstCount", "0")::get));
    }
}
