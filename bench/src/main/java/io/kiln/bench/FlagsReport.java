package io.kiln.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The Markdown of {@code --flags}: one row per set, medians with their spread, and the ratios to the first set. */
final class FlagsReport {

    private FlagsReport() {
    }

    static String markdown(Machine machine, String command, BenchOptions options, Map<FlagSet, List<FlagsBench.Figures>> figures,
                           Map<FlagSet, Integer> failures, Map<FlagSet, Integer> rejected, List<String> loads, String endLoad) {
        StringBuilder md = new StringBuilder();
        String revision = System.getenv().getOrDefault("KILN_BENCH_REVISION", "not given (KILN_BENCH_REVISION)");
        md.append("JVM options side by side (issue 11 §4): `").append(command).append("`, revision ").append(revision).append("\n\n");
        md.append(String.format(Locale.ROOT, "%s, %d CPUs (%s), %s; load average (1, 5, 15 min) at the start of each round: %s; at the end: %s%n%n",
                machine.date(), machine.cpus(), machine.cpuModel(), machine.java(), String.join(" | ", loads), endLoad));
        md.append(String.format(Locale.ROOT, "%d rounds, each starting every set once in this order; steady calls: %d threads calling"
                + " charlie → beta → alpha for %d s, after %d s of untimed calls.%n%n", options.launches(), FlagsBench.CALLERS,
                options.callsSeconds(), FlagsBench.WARM_UP.toSeconds()));
        md.append("| set | launch → plugin active: median / p95 (min–max) | platform floor, no Kiln: median / p95 (min–max) | minimal floor: median / p95 | spawn → \"Kiln ready\" | VmRSS 3 s after | steady calls/s: median (min–max) | VmRSS after the calls | GCs in the calls (ms) | starts failed |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<FlagSet, List<FlagsBench.Figures>> e : figures.entrySet()) {
            List<FlagsBench.Figures> f = e.getValue();
            String failed = failures.get(e.getKey()) + (rejected.get(e.getKey()) > 0 ? ", archive rejected " + rejected.get(e.getKey()) + "×" : "");
            if (f.isEmpty()) {
                md.append("| ").append(e.getKey().name()).append(" | – | – | – | – | – | – | – | – | ").append(failed).append(" |\n");
                continue;
            }
            Samples launch = samples(f, FlagsBench.Figures::launchMillis);
            Samples calls = samples(f, FlagsBench.Figures::callsPerSecond);
            String floorText = floorText(f, FlagsBench.Figures::floorMillis, true);
            String minimalText = floorText(f, FlagsBench.Figures::minimalFloorMillis, false);
            md.append(String.format(Locale.ROOT, "| %s | %.0f / %.0f ms (%.0f–%.0f, n=%d) | %s | %s | %.0f ms | %.1f MiB | %,.0f (%,.0f–%,.0f) | %.1f MiB | %.0f (%.0f) | %s |%n",
                    e.getKey().name(), launch.median(), launch.percentile(95), launch.min(), launch.max(), launch.count(), floorText, minimalText,
                    samples(f, FlagsBench.Figures::readyMillis).median(), samples(f, FlagsBench.Figures::rssMiB).median(),
                    calls.median(), calls.min(), calls.max(), samples(f, FlagsBench.Figures::rssAfterCallsMiB).median(),
                    samples(f, x -> x.gcCount()).median(), samples(f, x -> x.gcMillis()).median(), failed));
        }
        ratios(md, figures);
        md.append("\nSets: old = the options bin/kiln had before issue 11 §4 (`").append(FlagSet.OLD).append("`, on KILN_JVM=dev);")
                .append(" server = KILN_JVM=server; server-eager-c2 = that with the JVM's own C2 thresholds (").append(FlagSet.EAGER_C2)
                .append("), as it was before bin/kiln raised them; server-g1 = that on G1 (-XX:-UseSerialGC -XX:+UseG1GC);")
                .append(" dev = KILN_JVM=dev; +cds = with a dynamic")
                .append(" CDS archive dumped by an untimed first start of the same copy. Platform floor: the same JVM options starting")
                .append(" Felix with the third-party bundles of system/ (no Kiln bundle, no plugin, no front door) into an empty cache, spawn →")
                .append(" all started, with those bundles' own default settings; minimal floor: only those Kiln's runtime cannot take")
                .append(" a plugin without (Pax Logging, Event Admin, SCR, ConfigAdmin, Metatype, FileInstall, the OSGi utilities). Figures from a shared machine.\n");
        return md.toString();
    }

    /** A floor's median and p95 (with the range and count if {@code full}), "–" when it never started. */
    private static String floorText(List<FlagsBench.Figures> figures, ToDoubleFunction<FlagsBench.Figures> value, boolean full) {
        Samples floor = new Samples();
        figures.stream().mapToDouble(value).filter(x -> !Double.isNaN(x)).forEach(floor::add);
        if (floor.count() == 0) {
            return "–";
        }
        return full ? String.format(Locale.ROOT, "%.0f / %.0f ms (%.0f–%.0f, n=%d)", floor.median(), floor.percentile(95), floor.min(),
                floor.max(), floor.count()) : String.format(Locale.ROOT, "%.0f / %.0f ms", floor.median(), floor.percentile(95));
    }

    private static void ratios(StringBuilder md, Map<FlagSet, List<FlagsBench.Figures>> figures) {
        List<Map.Entry<FlagSet, List<FlagsBench.Figures>>> sets = figures.entrySet().stream().filter(e -> !e.getValue().isEmpty()).toList();
        if (sets.size() < 2) {
            return;
        }
        List<FlagsBench.Figures> first = sets.get(0).getValue();
        md.append("\n| set / ").append(sets.get(0).getKey().name()).append(" (medians) | launch → plugin active | steady calls/s | VmRSS after the calls |\n|---|---:|---:|---:|\n");
        for (Map.Entry<FlagSet, List<FlagsBench.Figures>> e : sets.subList(1, sets.size())) {
            md.append(String.format(Locale.ROOT, "| %s | %.2f× | %.2f× | %.2f× |%n", e.getKey().name(),
                    ratio(e.getValue(), first, FlagsBench.Figures::launchMillis), ratio(e.getValue(), first, FlagsBench.Figures::callsPerSecond),
                    ratio(e.getValue(), first, FlagsBench.Figures::rssAfterCallsMiB)));
        }
    }

    private static double ratio(List<FlagsBench.Figures> of, List<FlagsBench.Figures> to, ToDoubleFunction<FlagsBench.Figures> value) {
        return samples(of, value).median() / samples(to, value).median();
    }

    private static Samples samples(List<FlagsBench.Figures> figures, ToDoubleFunction<FlagsBench.Figures> value) {
        Samples samples = new Samples();
        figures.forEach(f -> samples.add(value.applyAsDouble(f)));
        return samples;
    }
}
