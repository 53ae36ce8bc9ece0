package io.kiln.runtime.internal.history;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * How a journal's entries are framed so that damage is told from content: each entry is one line,
 * {@code K1 <length> <crc32> <text>}, the length in bytes and the CRC-32 (8 hex digits) of the UTF-8 text, which holds
 * no line break. A crash during an append leaves a last line without its line break (torn); a line whose length or
 * checksum does not match its text is damaged. A line without the {@code K1} prefix is from a Kiln before this
 * framing (legacy), read as it was then.
 */
final class JournalLines {

    private static final String PREFIX = "K1 ";

    /** What a line of the journal is. */
    enum Kind {
        /** a framed entry whose length and checksum match */
        ENTRY,
        /** a line of the format before framing */
        LEGACY,
        /** a framed line whose length or checksum does not match, or that is not framed right */
        DAMAGED,
        /** the end of the file after its last line break: an append the process did not finish */
        TORN
    }

    /**
     * One line as read.
     *
     * @param offset  the byte offset of its start in the file
     * @param length  its length in bytes, without the line break
     * @param kind    what it is
     * @param text    the entry's text ({@link Kind#ENTRY}, {@link Kind#LEGACY}); empty otherwise
     * @param problem what is wrong with it ({@link Kind#DAMAGED}, {@link Kind#TORN}); empty otherwise
     */
    record Line(long offset, int length, Kind kind, String text, String problem) {
    }

    private JournalLines() {
    }

    /** @return the entry's text framed as one line, line break included */
    static byte[] frame(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a journal entry's text holds no line break");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return (PREFIX + bytes.length + " " + String.format("%08x", crc(bytes, 0, bytes.length)) + " " + text + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** @return every line of the journal in order; blank lines are left out */
    static List<Line> read(byte[] journal) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        boolean framed = false;
        while (start < journal.length) {
            int end = indexOf(journal, (byte) '\n', start, journal.length);
            if (end < 0) {
                lines.add(tail(journal, start, framed));
                break;
            }
            int length = end > start && journal[end - 1] == '\r' ? end - start - 1 : end - start;
            if (length > 0) {
                Line line = line(journal, start, length);
                framed |= line.kind() != Kind.LEGACY;
                lines.add(line);
            }
            start = end + 1;
        }
        return lines;
    }

    /**
     * The bytes after the last line break: torn, even if they hold a whole framed entry, for its append did not
     * return, so the change it records was never reported as recorded. Only in a journal still wholly in the format
     * before framing is a last line without a line break read as an entry, as Kiln read it then.
     */
    private static Line tail(byte[] journal, int start, boolean framed) {
        int length = journal.length - start;
        Line line = line(journal, start, length);
        if (!framed && line.kind() == Kind.LEGACY && !startsLikeAFrame(journal, start)) {
            return line;
        }
        return new Line(start, length, Kind.TORN, "", length + " bytes without a line break (an append a crash cut short)");
    }

    private static Line line(byte[] journal, int start, int length) {
        int end = start + length;
        if (!startsWithPrefix(journal, start, end)) {
            return new Line(start, length, Kind.LEGACY, new String(journal, start, length, StandardCharsets.UTF_8), "");
        }
        // read on the bytes, not on a decoded string: a damaged header may hold bytes that are not UTF-8
        int lengthEnd = indexOf(journal, (byte) ' ', start + PREFIX.length(), end);
        int crcEnd = lengthEnd < 0 ? -1 : indexOf(journal, (byte) ' ', lengthEnd + 1, end);
        if (crcEnd < 0) {
            return damaged(start, length, "not framed as K1 <length> <crc32> <text>");
        }
        long declared = number(journal, start + PREFIX.length(), lengthEnd, 10);
        long declaredCrc = number(journal, lengthEnd + 1, crcEnd, 16);
        if (declared < 0 || declaredCrc < 0) {
            return damaged(start, length, "its length or checksum is not a number");
        }
        int textStart = crcEnd + 1;
        int textLength = end - textStart;
        if (textLength != declared) {
            return damaged(start, length, "its text is " + textLength + " bytes, its frame says " + declared);
        }
        if (crc(journal, textStart, textLength) != declaredCrc) {
            return damaged(start, length, "its checksum does not match its text");
        }
        return new Line(start, length, Kind.ENTRY, new String(journal, textStart, textLength, StandardCharsets.UTF_8), "");
    }

    /** Whether the bytes begin as a frame does, for as far as they go (an append cut short within {@code K1 }). */
    private static boolean startsLikeAFrame(byte[] journal, int start) {
        for (int i = 0; i < PREFIX.length() && start + i < journal.length; i++) {
            if (journal[start + i] != PREFIX.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithPrefix(byte[] journal, int start, int end) {
        if (end - start < PREFIX.length()) {
            return false;
        }
        for (int i = 0; i < PREFIX.length(); i++) {
            if (journal[start + i] != PREFIX.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** @return the number written in ASCII digits of that radix (lower case), or -1 if it is not one */
    private static long number(byte[] bytes, int from, int to, int radix) {
        if (to <= from || to - from > 12) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            int b = bytes[i];
            int digit = b >= '0' && b <= '9' ? b - '0' : radix == 16 && b >= 'a' && b <= 'f' ? b - 'a' + 10 : -1;
            if (digit < 0) {
                return -1;
            }
            n = n * radix + digit;
        }
        return n;
    }

    private static Line damaged(int start, int length, String problem) {
        return new Line(start, length, Kind.DAMAGED, "", problem);
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
