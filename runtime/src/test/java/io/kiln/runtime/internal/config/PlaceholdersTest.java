package io.kiln.runtime.internal.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.Map;

import org.junit.Test;

public class PlaceholdersTest {

    private final Placeholders placeholders = new Placeholders(Map.of("DB_PASSWORD", "s3cret")::get, Map.of("kiln.home", "/opt/kiln")::get);

    @Test
    public void environmentAndPropertiesAreResolved() throws Exception {
        assertEquals("s3cret@/opt/kiln/db", placeholders.resolve("db.cfg", "url", "${env:DB_PASSWORD}@${prop:kiln.home}/db"));
    }

    @Test
    public void otherTextIsLeftAlone() throws Exception {
        assertEquals("${other} and $env:X", placeholders.resolve("a.cfg", "k", "${other} and $env:X"));
    }

    @Test
    public void anUnsetNameIsRefusedWithFileKeyAndPlaceholder() {
        SectionException e = assertThrows(SectionException.class, () -> placeholders.resolve("db.cfg", "password", "${env:NOPE}"));
        assertEquals("db.cfg: password: ${env:NOPE} is not set", e.getMessage());
    }
}
