package io.kiln.runtime.internal.config;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Finds the line of a {@code .cfg} file that {@link java.util.Properties} or the UTF-8 decoder refused, which neither
 * names: so that the error says where to look. Lines count from 1.
 */
final class PropertiesLines {

    /** {@code \\u} not followed by four hex digits, and not itself escaped (an even run of backslashes before it). */
    private static final Pattern BAD_UNICODE_ESCAPE = Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*\\\\u(?![0-9a-fA-F]{4})");

    private PropertiesLines() {
    }

    /** @return the first line with a {@code \\u} escape that is not four hex digits */
    static OptionalInt badUnicodeEscape(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (BAD_UNICODE_ESCAPE.matcher(lines[i]).find()) {
                return OptionalInt.of(i + 1);
            }
        }
        return OptionalInt.empty();
    }

    /** @return the first line that is not valid UTF-8 */
    static OptionalInt notUtf8(byte[] bytes) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    return OptionalInt.of(line);
                }
                line++;
                start = i + 1;
            }
        }
        return OptionalInt.empty();
    }
}
