package io.kiln.launcher.client;

import java.time.Duration;
import java.time.Instant;

import com.google.gson.JsonObject;

/** Checks, by asking the API, that a plugin went live after a change. */
final class Verify {

    private Verify() {
    }

    /** Waits until the plugin is ACTIVE and its last change succeeded; @throws ClientException when it does not get there in time */
    static void live(ApiClient api, String name, Duration timeout) throws ClientException {
        Instant deadline = Instant.now().plus(timeout);
        JsonObject plugin;
        do {
            plugin = api.get("api/v1/plugins/" + Views.encode(name)).getAsJsonObject();
            String last = Views.text(plugin, "lastResult");
            boolean degraded = plugin.has("degraded") && plugin.get("degraded").getAsBoolean();
            if ("ACTIVE".equals(Views.text(plugin, "state")) && !degraded && (last.equals("APPLIED") || last.equals("UNCHANGED"))) {
                return;
            }
            pause();
        } while (Instant.now().isBefore(deadline));
        throw new ClientException(name + " is not live: " + Views.text(plugin, "state") + ", last change "
                + Views.text(plugin, "lastResult") + " " + Views.text(plugin, "lastError")
                + (plugin.has("problems") ? " " + Views.join(plugin.getAsJsonArray("problems"), "; ") : ""));
    }

    private static void pause() throws ClientException {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted");
        }
    }
}
