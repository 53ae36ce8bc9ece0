package io.kiln.placeholders;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.Map;

import org.junit.Test;

public class ReferencesTest {

    @Test
    public void takenReferencesAreReplacedOthersLeftAsWritten() throws Exception {
        Map<String, String> values = Map.of("env:USER", "ada", "home", "/opt/kiln");
        assertEquals("ada at /opt/kiln/data, ${other} and $ {not one}", References.resolve("${env:USER} at ${home}/data, ${other} and $ {not one}",
                values::containsKey, values::get));
        assertEquals("a $ sign \\ and a backslash", References.resolve("a $ sign \\ and a backslash", r -> true, r -> null));
        assertEquals("C:\\dir$1", References.resolve("${path}", r -> true, Map.of("path", "C:\\dir$1")::get));
    }

    @Test
    public void aTakenReferenceWithoutAValueIsNamed() {
        References.NotSet e = assertThrows(References.NotSet.class, () -> References.resolve("x ${env:MISSING} y", r -> true, r -> null));
        assertEquals("env:MISSING", e.reference());
        assertEquals("${env:MISSING} is not set", e.getMessage());
    }
}
