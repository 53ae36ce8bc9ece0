package io.kiln.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One set of JVM options {@code --flags} compares: which of bin/kiln's own sets ({@code KILN_JVM}) and what is added
 * through {@code KILN_JAVA_OPTS}, optionally with a dynamic CDS archive of the launcher's and the framework's classes
 * ({@code +cds}: dumped by a first, untimed run of the same copy, then given to every timed one).
 *
 * @param name        as written on the command line and in the report
 * @param kilnJvm     bin/kiln's {@code KILN_JVM}
 * @param javaOptions added through {@code KILN_JAVA_OPTS}, empty for none
 */
record FlagSet(String name, String kilnJvm, String javaOptions, boolean cds) {

    /**
     * bin/kiln's options before issue 11 §4, pinned here so that "old" stays what it was whatever the dev set becomes;
     * they go after the dev set, whose collector (Serial) they share, so nothing conflicts.
     */
    static final String OLD = "-XX:+UseSerialGC -Xms16m -Xmx512m -XX:TieredStopAtLevel=1 -Xshare:auto";

    /**
     * The JVM's own thresholds for C2 (JDK 17), which bin/kiln's server set raises tenfold: given after it, they pin the
     * server set as it was before, for {@code server-eager-c2}.
     */
    static final String EAGER_C2 = "-XX:Tier4InvocationThreshold=5000 -XX:Tier4MinInvocationThreshold=600 "
            + "-XX:Tier4CompileThreshold=15000 -XX:Tier4BackEdgeThreshold=40000";

    static final String NAMES = "old, server, server-eager-c2, server-g1, dev, each optionally with +cds";

    /** @param list comma-separated, e.g. {@code old,server,server+cds}; the order is the order of each round */
    static List<FlagSet> parse(String list) {
        List<FlagSet> sets = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String item : list.split(",")) {
            String name = item.strip();
            if (!seen.add(name)) {
                throw new IllegalArgumentException("--flags names " + name + " twice");
            }
            boolean cds = name.endsWith("+cds");
            String base = cds ? name.substring(0, name.length() - "+cds".length()) : name;
            sets.add(switch (base) {
                case "old" -> new FlagSet(name, "dev", OLD, cds);
                case "server" -> new FlagSet(name, "server", "", cds);
                case "server-eager-c2" -> new FlagSet(name, "server", EAGER_C2, cds);
                // the server set on G1 (the JVM's own default on 2 CPUs and 2 GB or more) instead of Serial
                case "server-g1" -> new FlagSet(name, "server", "-XX:-UseSerialGC -XX:+UseG1GC", cds);
                case "dev" -> new FlagSet(name, "dev", "", cds);
                default -> throw new IllegalArgumentException("--flags: unknown set '" + name + "' (" + NAMES + ")");
            });
        }
        return List.copyOf(sets);
    }

    /** A folder name for the set's copy and archive. */
    String folder() {
        return name.replace('+', '-');
    }
}
