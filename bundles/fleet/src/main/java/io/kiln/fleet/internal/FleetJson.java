package io.kiln.fleet.internal;

import java.nio.charset.StandardCharsets;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/** The form of every record the fleet keeps in ZooKeeper: JSON, UTF-8. */
final class FleetJson {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private FleetJson() {
    }

    static byte[] bytes(Object value) {
        return GSON.toJson(value).getBytes(StandardCharsets.UTF_8);
    }

    static String text(Object value) {
        return GSON.toJson(value);
    }

    /**
     * @throws IllegalStateException naming the znode when its data is not such a record: a fleet's records are
     *                               written only by Kiln, so this is damage, not input
     */
    static <T> T read(byte[] data, Class<T> type, String path) {
        try {
            T value = GSON.fromJson(new String(data, StandardCharsets.UTF_8), type);
            if (value == null) {
                throw new JsonParseException("empty");
            }
            return value;
        } catch (JsonParseException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException(path + " in ZooKeeper is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
