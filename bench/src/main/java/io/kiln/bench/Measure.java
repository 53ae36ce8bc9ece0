package io.kiln.bench;

/** What the harness measures, in report order, with the unit and Kiln's target where there is one. */
enum Measure {
    NEW_JAR("new jar moved into the hot folder → its activator ran", "ms", 50),
    REPLACED_JAR("jar replaced in the hot folder → the new version's activator ran", "ms", 50),
    CONFIG("`<pid>.cfg` rewritten → ManagedService.updated saw the new value", "ms", 50),
    CONFIG_VALIDATED("`<pid>.cfg` rewritten → DS component's modified saw the new value, validated against Metatype (Kiln only)", "ms", 50),
    CONFIG_REJECTED("`<pid>.cfg` rewritten with a wrong type → REJECTED event on GET /api/v1/events (Kiln only)", "ms", 200),
    SKILL("`skills/<name>/SKILL.md` rewritten → Skill service with the new version registered (Kiln only)", "ms", 50),
    ROLLBACK("jar replaced by a version whose activator throws → rolled back, old version's activator ran again (Kiln only)", "ms", 1000),
    RELOAD_ALL("POST /api/v1/plugins/reload-all, 50 DS-component plugins, round trip (Kiln only)", "ms", 2000),
    RELOAD_ALL_SERVER("… the same reload-all: sum of the 50 per-plugin durationMillis in the answer (Kiln only)", "ms", Double.NaN),
    LAUNCH_COLD("launch, fresh copy (empty framework cache) → plugin jar active", "ms", 800),
    LAUNCH_WARM("relaunch, warm framework cache → plugin jar active", "ms", 800),
    RSS_COLD("VmRSS 3 s after the plugin became active, fresh copy", "MiB", 100),
    RSS_WARM("VmRSS 3 s after the plugin became active, warm relaunch", "MiB", 100),
    IDLE_CPU("idle CPU, % of one core over a quiet window", "%", 2),
    RSS_AFTER_TRIALS("VmRSS after all latency trials", "MiB", Double.NaN),
    READY_COLD("launch, fresh copy → \"Kiln ready\" printed (all of hot/ and conf/ applied)", "ms", Double.NaN),
    READY_WARM("relaunch, warm cache → \"Kiln ready\" printed", "ms", Double.NaN),
    SPAWN_TO_JVM("spawn → JVM start (start script, exec, JVM boot), all launches", "ms", Double.NaN),
    JVM_FLOOR("`java -version` with the distribution's JVM flags, spawn → exit", "ms", Double.NaN);

    private final String label;
    private final String unit;
    private final double target;

    Measure(String label, String unit, double target) {
        this.label = label;
        this.unit = unit;
        this.target = target;
    }

    String label() {
        return label;
    }

    String unit() {
        return unit;
    }

    /** Kiln's target for the median (an upper bound), or NaN for a figure reported for insight only. */
    double target() {
        return target;
    }
}
