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
    DEV_FOLDER_NEW("source folder moved into hot/ → its DS component active (compiled and packaged inside Kiln, compiler warm; Kiln only)", "ms", 300),
    DEV_SAVE_FOLDER("source file saved (atomic rename) in a source folder in hot/ → the new build's component active (Kiln only)", "ms", 200, 400),
    DEV_SAVE_FOLDER_RELOAD("… of which the reload: durationMillis of the update's change event (Kiln only)", "ms", Double.NaN),
    DEV_SAVE_FOLDER_REST("… the rest: inotify, the watcher's quiet period, reading, compiling and packaging the sources (Kiln only)", "ms", Double.NaN),
    DEV_COMPILE_ERROR("syntax error saved in a source folder in hot/ → REJECTED event on GET /api/v1/events (Kiln only)", "ms", 150),
    DEV_SAVE_API("source file saved, then POST /api/v1/builds at once (dev mode's call, without its debounce) → the new build's component active (Kiln only)", "ms", 200, 400),
    DEV_SAVE_API_COMPILE("… compileMillis in the answer (Kiln only)", "ms", Double.NaN),
    DEV_SAVE_API_PACKAGE("… packageMillis in the answer (Kiln only)", "ms", Double.NaN),
    DEV_SAVE_API_RELOAD("… reloadMillis in the answer (Kiln only)", "ms", Double.NaN),
    DEV_SAVE_API_ROUND_TRIP("… POST /api/v1/builds, send → whole answer (Kiln only)", "ms", Double.NaN),
    DEV_RSS_BEFORE("VmRSS of the inner loop's Kiln before its first build (Kiln only)", "MiB", Double.NaN),
    DEV_RSS_AFTER("VmRSS of the same Kiln after all its builds (with 20 trials: 110, compile errors included) (Kiln only)", "MiB", Double.NaN),
    DEV_MODE_FIRST_LIVE("`kiln dev` spawned (it starts Kiln and runs Maven once) → its \"live … after kiln dev started\" line (Kiln only)", "ms", Double.NaN),
    DEV_MODE_FIRST_ACTIVE("`kiln dev` spawned → the first build's component active (Kiln only)", "ms", Double.NaN),
    DEV_MODE_MAVEN("… of which Maven's class-path run, as dev mode prints it (Kiln only)", "ms", Double.NaN),
    DEV_MODE_SAVE("source file saved (atomic rename) in a `kiln dev` project → the new build's component active (dev mode's watcher and debounce included; Kiln only)", "ms", 200, 400),
    DEV_MODE_SAVE_COMPILE("… compile time dev mode prints for that build (Kiln's compileMillis) (Kiln only)", "ms", Double.NaN),
    DEV_MODE_SAVE_PACKAGE("… package time dev mode prints (packageMillis) (Kiln only)", "ms", Double.NaN),
    DEV_MODE_SAVE_RELOAD("… reload time dev mode prints (reloadMillis) (Kiln only)", "ms", Double.NaN),
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
    private final double p95Target;

    Measure(String label, String unit, double target) {
        this(label, unit, target, Double.NaN);
    }

    Measure(String label, String unit, double target, double p95Target) {
        this.label = label;
        this.unit = unit;
        this.target = target;
        this.p95Target = p95Target;
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

    /** Kiln's target for the p95 (an upper bound), or NaN where only the median has one. */
    double p95Target() {
        return p95Target;
    }
}
