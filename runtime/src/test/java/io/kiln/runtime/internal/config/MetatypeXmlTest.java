package io.kiln.runtime.internal.config;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.Test;

public class MetatypeXmlTest {

    /** As bnd writes it for {@code @AttributeDefinition(min = "1", max = "5") int times()}. */
    private static final String FAREWELL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <metatype:MetaData xmlns:metatype="http://www.osgi.org/xmlns/metatype/v1.2.0" localization="OSGI-INF/l10n/x">
              <OCD id="io.kiln.sample.greeting.FarewellPhrase$Config" name="Sample farewell" description="">
                <AD id="text" type="String" name="Text" default="Goodbye"/>
                <AD id="times" type="Integer" name="Times" min="1" max="5" default="1"/>
              </OCD>
              <OCD id="other" name="Other">
                <AD id="level" type="Integer" max="9"/>
              </OCD>
              <Designate pid="sample.farewell">
                <Object ocdref="io.kiln.sample.greeting.FarewellPhrase$Config"/>
              </Designate>
              <Designate factoryPid="itest.other">
                <Object ocdref="other"/>
              </Designate>
            </metatype:MetaData>
            """;

    @Test
    public void theBoundsOfEachDesignatedPidAreRead() throws Exception {
        Map<String, Map<String, AttributeBounds>> bounds = MetatypeXml.bounds(
                new ByteArrayInputStream(FAREWELL.getBytes(StandardCharsets.UTF_8)));
        assertEquals(Map.of("sample.farewell", Map.of("times", new AttributeBounds("1", "5")),
                "itest.other", Map.of("level", new AttributeBounds(null, "9"))), bounds);
    }
}
