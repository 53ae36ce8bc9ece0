package io.kiln.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;

import org.junit.Test;

public class BenchOptionsTest {

    @Test
    public void crashRunsFiftyRandomKillsUnlessToldOtherwise() {
        assertEquals(50, BenchOptions.parse(List.of("--kiln", "k", "--crash")).crashCycles());
        assertEquals(7, BenchOptions.parse(List.of("--kiln", "k", "--crash", "--crash-cycles", "7")).crashCycles());
        assertEquals(-1, BenchOptions.parse(List.of("--kiln", "k")).crashCycles());
    }

    @Test
    public void crashCyclesWithoutCrashOrWithAnotherRunIsRefused() {
        assertEquals("--crash-cycles goes with --crash", assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(List.of("--kiln", "k", "--crash-cycles", "7"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--kiln", "k", "--crash", "--calls-only")));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--kiln", "k", "--crash", "--crash-cycles", "0")));
    }
}
