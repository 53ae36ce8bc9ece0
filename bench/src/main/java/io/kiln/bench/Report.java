package io.kiln.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Markdown report: Kiln and the peer side by side, with ratios, targets and each product's notes. */
final class Report {

    private Report() {
    }

    static String markdown(Machine machine, String command, Results kiln, Results peer, String peerMissing) {
        List<String> out = new ArrayList<>();
        out.add("## Results, " + machine.date());
        out.add("");
        out.add("- Command: `" + command + "`");
        out.add("- Machine: " + machine.cpus() + " CPUs (nproc), " + machine.cpuModel() + ", " + machine.memory()
                + " memory, " + machine.os());
        out.add("- Java (runs the harness and both runtimes): " + machine.java());
        String revision = System.getenv("KILN_BENCH_REVISION");
        if (revision != null && !revision.isBlank()) {
            out.add("- Kiln revision: " + revision);
        }
        out.add("- Load average (1, 5, 15 min) at the start: " + machine.loadAverage() + "; at the end: "
                + ProcFs.loadAverage());
        if (peer == null) {
            out.add("- Peer: not measured: " + peerMissing);
        }
        out.add("");
        String peerName = peer == null ? "peer" : peer.product();
        out.add("| measure | Kiln median | Kiln p95 | Kiln n | " + peerName + " median | " + peerName + " p95 | "
                + peerName + " n | " + peerName + " / Kiln | Kiln target (median) |");
        out.add("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Measure measure : Measure.values()) {
            if (kiln.has(measure) || (peer != null && peer.has(measure))) {
                out.add(row(measure, kiln, peer));
            }
        }
        out.add("");
        out.add("p95 is the nearest-rank 95th percentile: with fewer than 20 values it is the largest one. "
                + "n counts the trials that produced a value; `+k lost` counts those that timed out.");
        for (Results results : peer == null ? List.of(kiln) : List.of(kiln, peer)) {
            out.add("");
            out.add("Notes, " + results.product() + ":");
            results.notes().forEach(note -> out.add("- " + note));
        }
        return String.join("\n", out) + "\n";
    }

    /** Every value, one line each: {@code product,measure,trial,value}. */
    static List<String> csv(List<Results> all) {
        List<String> lines = new ArrayList<>();
        lines.add("product,measure,trial,value,unit");
        for (Results results : all) {
            for (Measure measure : Measure.values()) {
                if (results.has(measure)) {
                    List<Double> values = results.of(measure).values();
                    for (int i = 0; i < values.size(); i++) {
                        lines.add(results.product() + "," + measure + "," + (i + 1) + ","
                                + String.format(Locale.ROOT, "%.3f", values.get(i)) + "," + measure.unit());
                    }
                }
            }
        }
        return lines;
    }

    private static String row(Measure measure, Results kiln, Results peer) {
        Samples k = kiln.has(measure) ? kiln.of(measure) : null;
        Samples p = peer != null && peer.has(measure) ? peer.of(measure) : null;
        String ratio = k != null && p != null && !k.isEmpty() && !p.isEmpty() && k.median() > 0
                ? format(Locale.ROOT, "%.1f×", p.median() / k.median()) : "";
        return "| " + measure.label() + " (" + measure.unit() + ") | " + median(k, measure) + " | " + p95(k, measure)
                + " | " + count(k) + " | " + median(p, measure) + " | " + p95(p, measure) + " | " + count(p) + " | "
                + ratio + " | " + target(measure, k) + " |";
    }

    private static String median(Samples s, Measure m) {
        return s == null || s.isEmpty() ? "–" : value(s.median(), m);
    }

    private static String p95(Samples s, Measure m) {
        return s == null || s.isEmpty() || s.count() < 2 ? "–" : value(s.percentile(95), m);
    }

    private static String count(Samples s) {
        if (s == null) {
            return "–";
        }
        return s.count() + (s.failures() > 0 ? " +" + s.failures() + " lost" : "");
    }

    private static String target(Measure m, Samples k) {
        if (Double.isNaN(m.target())) {
            return "";
        }
        String bound = "≤ " + value(m.target(), m) + " " + m.unit();
        boolean p95 = !Double.isNaN(m.p95Target());
        if (p95) {
            bound += ", p95 ≤ " + value(m.p95Target(), m) + " " + m.unit();
        }
        if (k == null || k.isEmpty()) {
            return bound;
        }
        boolean met = k.median() <= m.target() && k.failures() == 0 && (!p95 || k.percentile(95) <= m.p95Target());
        return bound + (met ? ": met" : ": **missed**");
    }

    static String value(double v, Measure m) {
        return switch (m.unit()) {
            case "%" -> format(Locale.ROOT, "%.2f", v);
            case "MiB" -> format(Locale.ROOT, "%.1f", v);
            default -> v < 100 ? format(Locale.ROOT, "%.1f", v) : format(Locale.ROOT, "%,.0f", v);
        };
    }

    private static String format(Locale locale, String pattern, double v) {
        return String.format(locale, pattern, v);
    }
}
