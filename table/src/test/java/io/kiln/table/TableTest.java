package io.kiln.table;

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

    @Test
    public void textHasNoFinalLineBreak() {
        assertEquals("A  B\n1  2", new Table("A", "B").row(1, 2).text());
    }

    @Test
    public void firstLinesOnlyKeepsEachRowOnOneLine() {
        assertEquals("ERROR\nboom", new Table("ERROR").firstLinesOnly().row("boom\n\tat Foo.bar").text());
        assertEquals("ERROR\nboom\n\tat Foo.bar", new Table("ERROR").row("boom\n\tat Foo.bar").text());
    }
}
