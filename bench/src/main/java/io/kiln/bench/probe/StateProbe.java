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

    /**
     * The line the harness reads: {@code crash-probe <label> active, state: <label>|none|damaged}, the label being the
     * version, and {@code +<build>} after it for a build the harness marked ({@code Kiln-Bench-Build}).
     */
    static final String LINE = "crash-probe %s active, state: %s";

    private PluginState state;
    /** The version, and its build if the harness marked one: {@code 1.0.3}, {@code 1.0.3+b7}. */
    private String label;

    public void setState(PluginState state) {
        this.state = state;
    }

    public void activate(BundleContext context) {
        // ProbeJar.BUILD_HEADER: the probe runs inside Kiln, where the harness's classes are not to be seen
        String build = context.getBundle().getHeaders().get("Kiln-Bench-Build");
        label = context.getBundle().getVersion() + (build == null ? "" : "+" + build);
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
        System.out.println(String.format(LINE, label, found));
    }

    public void deactivate() {
        // a few KiB, so that a torn write would show as a short or garbled payload
        String payload = ("state of " + label + ";").repeat(400);
        Map<String, Object> snapshot = new HashMap<>();
        snapshot.put("version", label);
        snapshot.put("payload", payload);
        snapshot.put("sum", payload.hashCode());
        state.save(snapshot);
    }
}
