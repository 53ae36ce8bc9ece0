package io.kiln.runtime.internal.logging;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.kiln.runtime.internal.config.SectionException;

public class Log4jPropertiesTest {

    private static final String FILE = "org.ops4j.pax.logging.cfg";

    private static Map<String, String> good() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("log4j2.rootLogger.level", "INFO");
        values.put("log4j2.rootLogger.appenderRef.console.ref", "console");
        values.put("log4j2.appender.console.type", "Console");
        values.put("log4j2.appender.console.name", "console");
        values.put("log4j2.appender.console.layout.type", "PatternLayout");
        values.put("log4j2.logger.jetty.name", "org.eclipse.jetty");
        values.put("log4j2.logger.jetty.level", "warn");
        values.put("service.pid", "org.ops4j.pax.logging");
        values.put("org.ops4j.pax.logging.logReaderServiceSize", "500");
        return values;
    }

    private static String refused(Map<String, String> values) {
        return assertThrows(SectionException.class, () -> Log4jProperties.check(FILE, values)).getMessage();
    }

    @Test
    public void aGoodSectionPassesWithoutWarnings() throws SectionException {
        assertEquals(List.of(), Log4jProperties.check(FILE, good()));
    }

    @Test
    public void aLevelThatIsNoneIsRefusedNamingTheKey() {
        Map<String, String> values = good();
        values.put("log4j2.logger.jetty.level", "LOUD");
        assertEquals(FILE + ": log4j2.logger.jetty.level: expected one of OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL, found 'LOUD'",
                refused(values));
        values = good();
        values.put("log4j2.rootLogger.level", "verbose");
        assertTrue(refused(values).startsWith(FILE + ": log4j2.rootLogger.level: expected one of"));
    }

    @Test
    public void aLoggerWithoutANameIsRefused() {
        Map<String, String> values = good();
        values.remove("log4j2.logger.jetty.name");
        assertTrue(refused(values), refused(values).startsWith(FILE + ": log4j2.logger.jetty.name: missing"));
    }

    @Test
    public void anAppenderWithoutATypeOrNameIsRefused() {
        Map<String, String> values = good();
        values.remove("log4j2.appender.console.type");
        assertTrue(refused(values).startsWith(FILE + ": log4j2.appender.console.type: missing"));
        values = good();
        values.remove("log4j2.appender.console.name");
        assertTrue(refused(values).startsWith(FILE + ": log4j2.appender.console.name: missing"));
    }

    @Test
    public void twoAppendersOfOneNameAreRefused() {
        Map<String, String> values = good();
        values.put("log4j2.appender.other.type", "Console");
        values.put("log4j2.appender.other.name", "console");
        assertEquals(FILE + ": log4j2.appender.other.name: another appender is named 'console' too", refused(values));
    }

    @Test
    public void aReferenceToAnAppenderNotDefinedIsRefused() {
        Map<String, String> values = good();
        values.put("log4j2.logger.jetty.appenderRef.file.ref", "file");
        assertEquals(FILE + ": log4j2.logger.jetty.appenderRef.file.ref: no appender is named 'file' (the section defines: console)",
                refused(values));
    }

    @Test
    public void aKeyOfNeitherLog4jNorPaxLoggingIsAWarning() throws SectionException {
        Map<String, String> values = good();
        values.put("colour", "blue");
        assertEquals(List.of(FILE + ": unknown key 'colour' (the logging section takes log4j2.* keys and Pax Logging's "
                + "org.ops4j.pax.logging.* settings)"), Log4jProperties.check(FILE, values));
    }

    @Test
    public void theShortFormOfALoggerIsLeftToLog4j() throws SectionException {
        Map<String, String> values = good();
        values.put("log4j2.logger.short", "DEBUG, console");
        assertEquals(List.of(), Log4jProperties.check(FILE, values));
    }

    @Test
    public void aMisspeltLog4jKeyIsAWarningNamingIt() throws SectionException {
        Map<String, String> values = good();
        values.put("log4j2.rootLoger.level", "DEBUG");
        values.put("log4j2.logger.jetty.levle", "DEBUG");
        List<String> warnings = Log4jProperties.check(FILE, values);
        assertEquals(warnings.toString(), 2, warnings.size());
        assertTrue(warnings.get(0), warnings.get(0).startsWith(FILE + ": unknown key 'log4j2.rootLoger.level' (Log4j takes"));
        assertTrue(warnings.get(1), warnings.get(1).startsWith(FILE + ": unknown key 'log4j2.logger.jetty.levle' (a logger takes name, level"));
    }
}
