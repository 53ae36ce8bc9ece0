package io.kiln.runtime.internal.history;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.junit.Test;

import io.kiln.runtime.internal.history.JournalLines.Kind;
import io.kiln.runtime.internal.history.JournalLines.Line;

public class JournalLinesTest {

    @Test
    public void framedLinesReadBackWithTheirOffsets() {
        byte[] first = JournalLines.frame("één\tentry");
        byte[] second = JournalLines.frame("");
        List<Line> lines = JournalLines.read(concat(first, second));
        assertEquals(List.of(new Line(0, first.length - 1, Kind.ENTRY, "één\tentry", ""),
                new Line(first.length, second.length - 1, Kind.ENTRY, "", "")), lines);
    }

    @Test
    public void aFrameWhoseLengthOrChecksumDoesNotMatchIsDamaged() {
        String good = new String(JournalLines.frame("abc"), UTF_8);
        List<String> bad = List.of(good.replace("K1 3 ", "K1 4 "), good.replace("abc", "abd"), "K1 3\n", "K1 x 00000000 abc\n",
                "K1 3 0000000g abc\n", "K1 -3 00000000 abc\n");
        for (String line : bad) {
            Line read = JournalLines.read(line.getBytes(UTF_8)).get(0);
            assertEquals(line, Kind.DAMAGED, read.kind());
        }
    }

    @Test
    public void aLastLineWithoutItsLineBreakIsTornOnceTheJournalIsFramed() {
        byte[] first = JournalLines.frame("one");
        byte[] second = JournalLines.frame("two");
        byte[] journal = concat(first, java.util.Arrays.copyOf(second, second.length - 1));
        Line torn = JournalLines.read(journal).get(1);
        assertEquals(Kind.TORN, torn.kind());
        assertEquals(first.length, torn.offset());
        // a cut within "K1 " is a frame all the same
        assertEquals(Kind.TORN, JournalLines.read("K".getBytes(UTF_8)).get(0).kind());
    }

    @Test
    public void linesOfTheOlderFormatAreLegacyAsIsTheirLastLineWithoutABreak() {
        List<Line> lines = JournalLines.read("2026-01-01T00:00:00Z\ta\n\n2026-01-01T00:00:01Z\tb".getBytes(UTF_8));
        assertEquals(List.of(Kind.LEGACY, Kind.LEGACY), lines.stream().map(Line::kind).toList());
        assertEquals("2026-01-01T00:00:01Z\tb", lines.get(1).text());
    }

    @Test
    public void anEntryHoldsNoLineBreak() {
        assertThrows(IllegalArgumentException.class, () -> JournalLines.frame("a\nb"));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
