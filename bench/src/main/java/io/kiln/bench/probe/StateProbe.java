package io.kiln.bench.probe;

import java.util.HashMap;
import java.util.Map;

import org.osgi.framework.BundleContext;

import io.kiln.api.state.PluginState;

/**
 * The crash benchmark's plugin with state (its XML is written by the harness): saves its version and a payload with
 * its checksum as it deactivates, through {@link PluginState}, and as it activates says on the console what state it
 * found and whether it is intact, which is what the harness checks after each restart. It saves nothing as it
 * activates, so that the first durable write of an update is the old version's save.
 */
public final class StateProbe {

    /** The line the harness reads: {@code crash-probe <version> active, state: <version>|none|damaged}. */
    static final String LINE = "crash-probe %s active, state: %s";

    private PluginState state;
    private String version;

    public void setState(PluginState state) {
        this.state = state;
    }

    public void activate(BundleContext context) {
        version = context.getBundle().getVersion().toString();
        Map<String, Object> saved = state.load();
        String found;
        if (saved.isEmpty()) {
            found = "none";
        } else {
            Object payload = saved.get("payload");
            Object sum = saved.get("sum");
            found = payload instanceof String p && sum instanceof Number n && p.hashCode() == n.intValue()
                    ? String.valueOf(saved.get("version")) : "damaged " + saved.keySet();
        }
        System.out.println(String.format(LINE, version, found));
    }

    public void deactivate() {
        // a few KiB, so that a torn write would show as a short or garbled payload
        String payload = ("state of " + version + ";").repeat(400);
        Map<String, Object> snapshot = new HashMap<>();
        snapshot.put("version", version);
        snapshot.put("payload", payload);
        snapshot.put("sum", payload.hashCode());
        state.save(snapshot);
    }
}
