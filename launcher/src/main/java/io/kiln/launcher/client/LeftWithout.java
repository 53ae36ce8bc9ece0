package io.kiln.launcher.client;

import com.google.gson.JsonArray;

/** What a disable or a remove will leave without the plugin, said before it is done. */
final class LeftWithout {

    private LeftWithout() {
    }

    /** @return a line naming the plugins that depend on it, or the empty string when none does */
    static String warning(ApiClient api, String name, String doing) throws ClientException {
        JsonArray dependents = api.get("api/v1/plugins/" + Views.encode(name)).getAsJsonObject().getAsJsonArray("dependents");
        return dependents == null || dependents.isEmpty() ? ""
                : doing + " " + name + " leaves the plugins that depend on it without it: " + Views.join(dependents) + "\n";
    }
}
