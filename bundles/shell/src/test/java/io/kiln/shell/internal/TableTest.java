package io.kiln.shell.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class TableTest {

    @Test
    public void columnsAreAsWideAsTheirWidestCell() {
        String table = new Table("NAME", "STATE").row("kiln-sample-api", "ACTIVE").row("a", null).toString();
        assertEquals("""
                NAME             STATE
                kiln-sample-api  ACTIVE
                a
                """, table);
    }
}
