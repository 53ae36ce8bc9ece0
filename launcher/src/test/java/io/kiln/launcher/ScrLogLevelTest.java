package io.kiln.launcher;

import static org.junit.Assert.assertEquals;

import java.util.Map;

import org.junit.Test;

public class ScrLogLevelTest {

    @Test
    public void quietByDefaultEverythingAtDebugAndAnExplicitSettingWins() {
        assertEquals("0", ScrLogLevel.of(Map.of()));
        assertEquals("0", ScrLogLevel.of(Map.of("org.slf4j.simpleLogger.defaultLogLevel", "info")));
        assertEquals("debug", ScrLogLevel.of(Map.of("org.slf4j.simpleLogger.defaultLogLevel", "DEBUG")));
        assertEquals("debug", ScrLogLevel.of(Map.of("org.slf4j.simpleLogger.defaultLogLevel", "trace")));
        assertEquals("warn", ScrLogLevel.of(Map.of("org.slf4j.simpleLogger.defaultLogLevel", "debug", "ds.loglevel", "warn")));
    }
}
