package io.kiln.runtime.internal.logging;

import static org.junit.Assert.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;

import io.kiln.runtime.api.LogLevel;

public class LoggingSectionTest {

    @Test
    public void loggersAreReadInTheSectionsOrderAndOnesWithoutANameAreLeftOut() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("log4j2.logger.jetty.name", "org.eclipse.jetty");
        values.put("log4j2.logger.jetty.level", "WARN");
        values.put("log4j2.logger.nameless.level", "DEBUG");
        values.put("log4j2.logger.kiln.name", " io.kiln ");
        assertEquals(List.of(new LoggingSection.Logger("jetty", "org.eclipse.jetty", Optional.of("WARN")),
                new LoggingSection.Logger("kiln", "io.kiln", Optional.empty())), LoggingSection.loggers(values));
    }

    @Test
    public void aNewIdIsTheLoggersNameMadeKeySafeAndNumberedIfTaken() {
        assertEquals("io_example_greeter", LoggingSection.newId("io.example.Greeter", List.of()));
        assertEquals("io_example_2", LoggingSection.newId("io.example", List.of("io_example")));
        assertEquals("io_example_3", LoggingSection.newId("io.example", List.of("io_example", "io_example_2")));
    }

    @Test
    public void levelsAreReadInAnyCase() {
        assertEquals(Optional.of(LogLevel.DEBUG), LoggingSection.level(" debug "));
        assertEquals(Optional.empty(), LoggingSection.level("loud"));
    }
}
