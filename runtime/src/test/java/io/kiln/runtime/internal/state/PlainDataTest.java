package io.kiln.runtime.internal.state;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.Test;

public class PlainDataTest {

    @Test
    public void everyPlainTypeComesBackWithItsType() {
        Map<String, Object> state = new HashMap<>();
        state.put("s", "text ü");
        state.put("t", true);
        state.put("f", false);
        state.put("i", 42);
        state.put("l", 42L);
        state.put("d", 0.5);
        state.put("b", new byte[] { 1, 2, 3 });
        state.put("list", List.of("a", 1, List.of(2L)));
        state.put("map", Map.of("nested", Map.of("deep", "x")));

        Map<String, Object> back = PlainData.decode(PlainData.encode(state));

        assertEquals("text ü", back.get("s"));
        assertEquals(Boolean.TRUE, back.get("t"));
        assertEquals(Boolean.FALSE, back.get("f"));
        assertEquals(Integer.valueOf(42), back.get("i"));
        assertEquals(Long.valueOf(42), back.get("l"));
        assertEquals(Double.valueOf(0.5), back.get("d"));
        assertArrayEquals(new byte[] { 1, 2, 3 }, (byte[]) back.get("b"));
        assertEquals(List.of("a", 1, List.of(2L)), back.get("list"));
        assertEquals(Map.of("nested", Map.of("deep", "x")), back.get("map"));
    }

    @Test
    public void nullValuesAreDropped() {
        Map<String, Object> state = new HashMap<>();
        state.put("gone", null);
        state.put("kept", 1);
        assertEquals(Map.of("kept", 1), PlainData.decode(PlainData.encode(state)));
    }

    @Test
    public void aPluginObjectIsRefusedWithItsKeyPathAndType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlainData.encode(Map.of("outer", Map.of("inner", new StringBuilder("x")))));
        assertTrue(e.getMessage(), e.getMessage().contains("'outer.inner'") && e.getMessage().contains("java.lang.StringBuilder"));
    }

    @Test
    public void aNonStringKeyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlainData.encode(Map.of("m", Map.of(1, "x"))));
        assertTrue(e.getMessage(), e.getMessage().contains("keys must be strings"));
    }

    @Test
    public void decodedStateCannotBeChanged() {
        Map<String, Object> back = PlainData.decode(PlainData.encode(Map.of("list", new ArrayList<>(List.of(1)))));
        assertThrows(UnsupportedOperationException.class, () -> back.put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) back.get("list")).add(2));
    }

    @Test
    public void truncatedStateIsAClearError() {
        byte[] bytes = PlainData.encode(Map.of("s", "some text"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlainData.decode(Arrays.copyOf(bytes, bytes.length - 3)));
        assertTrue(e.getMessage(), e.getMessage().contains("truncated"));
    }

    @Test
    public void randomBytesNeverFailWithAnythingButAClearError() {
        Random random = new Random(20261121);
        byte[] valid = PlainData.encode(Map.of("a", List.of(1, "b", Map.of("c", new byte[] { 9 })), "d", 2.0));
        for (int round = 0; round < 20_000; round++) {
            byte[] input = round % 2 == 0 ? new byte[random.nextInt(64)] : valid.clone();
            if (round % 2 == 0) {
                random.nextBytes(input);
            } else {
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
            }
            try {
                PlainData.decode(input);
            } catch (IllegalArgumentException expected) {
                // the codec's own error: fine
            }
        }
    }
}
