package io.kiln.runtime.internal.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;

public class FilterValuesTest {

    @Test
    public void theCharactersAFilterGivesAMeaningToAreEscaped() {
        assertEquals("a\\(b\\)\\*\\\\c\\\0", FilterValues.escape("a(b)*\\c\0"));
        assertEquals("plain.pid~name-1", FilterValues.escape("plain.pid~name-1"));
    }

    @Test
    public void anEscapedPidMatchesItselfOnly() throws Exception {
        Filter filter = FrameworkUtil.createFilter(FilterValues.equal("service.pid", "itest.odd(1)*\\x"));
        assertTrue(filter.matches(Map.of("service.pid", "itest.odd(1)*\\x")));
        assertFalse(filter.matches(Map.of("service.pid", "itest.odd(1)*\\xy")));
        assertFalse(FrameworkUtil.createFilter(FilterValues.equal("service.pid", "itest.*")).matches(Map.of("service.pid", "itest.other")));
        assertTrue(FrameworkUtil.createFilter(FilterValues.equal("service.pid", "nul\0pid")).matches(Map.of("service.pid", "nul\0pid")));
    }
}
