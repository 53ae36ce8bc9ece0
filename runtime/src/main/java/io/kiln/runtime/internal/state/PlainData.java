package io.kiln.runtime.internal.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads plugin state: plain data only (strings, booleans, ints, longs, doubles, byte arrays, and
 * lists and string-keyed maps of these), so that nothing of a plugin's own classes crosses from one version
 * to the next, and nothing but these types can ever be read back.
 */
final class PlainData {

    private static final int MAGIC = 0x4b494c4e; // "KILN"
    private static final int FORMAT = 1;
    private static final int MAX_DEPTH = 64;

    private static final byte STRING = 1;
    private static final byte TRUE = 2;
    private static final byte FALSE = 3;
    private static final byte INT = 4;
    private static final byte LONG = 5;
    private static final byte DOUBLE = 6;
    private static final byte BYTES = 7;
    private static final byte LIST = 8;
    private static final byte MAP = 9;

    private PlainData() {
    }

    /**
     * Checks that every value is plain data and returns a deep, unmodifiable copy.
     *
     * @throws IllegalArgumentException naming the key path and the type found
     */
    static Map<String, Object> copy(Map<String, ?> state) {
        return decode(encode(state));
    }

    static byte[] encode(Map<String, ?> state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            writeMap(out, state, "", 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen in memory", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException if the bytes are not state written by {@link #encode(Map)}
     */
    static Map<String, Object> decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                throw new IllegalArgumentException("not Kiln plugin state (format " + FORMAT + ")");
            }
            Map<String, Object> state = readMap(in, 0, data.length);
            if (in.read() != -1) {
                throw new IllegalArgumentException("trailing bytes after the state");
            }
            return state;
        } catch (EOFException e) {
            throw new IllegalArgumentException("state is truncated", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("state is unreadable: " + e.getMessage(), e);
        }
    }

    /** Decodes stored state, logging and dropping state that cannot be read rather than failing the plugin. */
    static Map<String, Object> decodeQuietly(byte[] data) {
        try {
            return decode(data);
        } catch (IllegalArgumentException e) {
            org.slf4j.LoggerFactory.getLogger(PlainData.class).warn("Ignoring unreadable plugin state: {}", e.getMessage());
            return Map.of();
        }
    }

    private static void writeMap(DataOutputStream out, Map<?, ?> map, String path, int depth) throws IOException {
        int size = (int) map.values().stream().filter(v -> v != null).count();
        out.writeInt(size);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("state key " + path + "[" + entry.getKey() + "] is a "
                        + typeName(entry.getKey()) + "; keys must be strings");
            }
            if (entry.getValue() != null) {
                out.writeUTF(key);
                write(out, entry.getValue(), path.isEmpty() ? key : path + "." + key, depth + 1);
            }
        }
    }

    private static void write(DataOutputStream out, Object value, String path, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("state value '" + path + "' nests deeper than " + MAX_DEPTH);
        }
        if (value instanceof String s) {
            out.writeByte(STRING);
            byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof byte[] bytes) {
            out.writeByte(BYTES);
            out.writeInt(bytes.length);
            out.write(bytes);
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == null) {
                    throw new IllegalArgumentException("state value '" + path + "[" + i + "]' is null; lists cannot hold null");
                }
                write(out, list.get(i), path + "[" + i + "]", depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            writeMap(out, map, path, depth);
        } else {
            throw new IllegalArgumentException("state value '" + path + "' is a " + typeName(value)
                    + "; only String, Boolean, Integer, Long, Double, byte[], List and Map are kept");
        }
    }

    private static Map<String, Object> readMap(DataInputStream in, int depth, int limit) throws IOException {
        int size = count(in, limit);
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            String key = in.readUTF();
            map.put(key, read(in, depth + 1, limit));
        }
        return Collections.unmodifiableMap(map);
    }

    private static Object read(DataInputStream in, int depth, int limit) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("state nests deeper than " + MAX_DEPTH);
        }
        byte tag = in.readByte();
        switch (tag) {
            case STRING:
                return new String(bytes(in, limit), java.nio.charset.StandardCharsets.UTF_8);
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case INT:
                return in.readInt();
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            case BYTES:
                return bytes(in, limit);
            case LIST: {
                int size = count(in, limit);
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(read(in, depth + 1, limit));
                }
                return Collections.unmodifiableList(list);
            }
            case MAP:
                return readMap(in, depth, limit);
            default:
                throw new IllegalArgumentException("unknown value tag " + tag);
        }
    }

    private static int length(DataInputStream in, int limit) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > limit) {
            throw new IllegalArgumentException("a value claims " + length + " bytes in " + limit + " bytes of state");
        }
        return length;
    }

    private static byte[] bytes(DataInputStream in, int limit) throws IOException {
        byte[] bytes = new byte[length(in, limit)];
        in.readFully(bytes);
        return bytes;
    }

    private static int count(DataInputStream in, int limit) throws IOException {
        return length(in, limit);
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
