package io.kiln.bench.api;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /api/v1/plugins/{name}/reload}, one after the other: the whole round trip as a client sees it. */
final class RoundTrips {

    private RoundTrips() {
    }

    static String run(ApiBench.Api api, String plugin, boolean dependents, int count) throws Exception {
        String path = "api/v1/plugins/" + plugin + "/reload?dependents=" + dependents;
        for (int i = 0; i < Math.min(50, count); i++) {
            check(api.send(api.post(path)));
        }
        List<Long> micros = new ArrayList<>();
        int plugins = 0;
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = api.send(api.post(path));
            micros.add((System.nanoTime() - start) / 1000);
            check(response);
            plugins = response.body().split("\"action\":\"reload\"", -1).length - 1;
        }
        return "- `POST /api/v1/plugins/" + plugin + "/reload?dependents=" + dependents + "` (" + plugins + " plugin"
                + (plugins == 1 ? "" : "s") + " reloaded each time), " + count + " sequential round trips after 50 warm-up: "
                + ApiBench.percentiles(micros) + "\n";
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("reload answered " + response.statusCode() + ": " + response.body());
        }
    }
}
