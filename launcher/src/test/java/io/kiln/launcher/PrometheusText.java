package io.kiln.launcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: every line is a {@code # HELP}, a
 * {@code # TYPE}, another comment or a sample, or the whole text is refused with the line's number. It also refuses what
 * Prometheus would: a family typed twice or after its samples, a family's samples split up, a sample twice, a sample
 * whose name its family's type does not allow, a histogram whose buckets are not cumulative or whose {@code +Inf}
 * bucket is not its count, and text that does not end with a newline.
 */
final class PrometheusText {

    /** One sample: its name, labels (sorted) and value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

    private final List<Sample> samples;
    private final Map<String, String> types;

    private PrometheusText(List<Sample> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    /** @throws IllegalArgumentException naming the first line that is not valid */
    static PrometheusText parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the text does not end with a newline");
        }
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        Set<String> finished = new HashSet<>();
        Set<String> seen = new HashSet<>();
        String current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + " '" + line + "': ";
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                String family = m.group(1);
                if (types.containsKey(family) || finished.contains(family) || family.equals(current)) {
                    throw new IllegalArgumentException(where + "TYPE of " + family + " again, or after its samples");
                }
                types.put(family, m.group(2));
            } else if (line.startsWith("# HELP ")) {
                if (!HELP.matcher(line).matches()) {
                    throw new IllegalArgumentException(where + "not a HELP line");
                }
            } else if (line.startsWith("#")) {
                continue;
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                Sample sample = new Sample(m.group(1), labels(m.group(3), where), value(m.group(4), where));
                String family = family(sample.name(), types, where);
                if (!family.equals(current)) {
                    if (finished.contains(family)) {
                        throw new IllegalArgumentException(where + "the samples of " + family + " are not together");
                    }
                    if (current != null) {
                        finished.add(current);
                    }
                    current = family;
                }
                if (!seen.add(sample.name() + sample.labels())) {
                    throw new IllegalArgumentException(where + "the same sample twice");
                }
                samples.add(sample);
            } else {
                throw new IllegalArgumentException(where + "neither a comment nor a sample");
            }
        }
        PrometheusText parsed = new PrometheusText(samples, types);
        types.forEach((family, type) -> {
            if (type.equals("histogram")) {
                parsed.checkHistogram(family);
            }
        });
        return parsed;
    }

    private static Map<String, String> labels(String text, String where) {
        Map<String, String> labels = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        Matcher m = LABEL.matcher(text);
        int end = 0;
        while (end < text.length() && m.find(end) && m.start() == end) {
            if (labels.put(m.group(1), m.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\")) != null) {
                throw new IllegalArgumentException(where + "label " + m.group(1) + " twice");
            }
            end = m.end();
        }
        if (end != text.length() || text.endsWith(",")) {
            throw new IllegalArgumentException(where + "labels that do not parse at " + text.substring(Math.min(end, text.length())));
        }
        return labels;
    }

    private static double value(String text, String where) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                if (!text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    throw new IllegalArgumentException(where + "value " + text + " is not a number");
                }
                yield Double.parseDouble(text);
            }
        };
    }

    /** The family a sample belongs to: its own name, or for a histogram or summary the name without its suffix. */
    private static String family(String name, Map<String, String> types, String where) {
        String type = types.getOrDefault(name, null);
        if (type != null && !type.equals("histogram") && !type.equals("summary")) {
            return name;
        }
        for (String suffix : new String[] { "_bucket", "_count", "_sum" }) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                String baseType = types.get(base);
                if ("histogram".equals(baseType) || "summary".equals(baseType) && !suffix.equals("_bucket")) {
                    return base;
                }
            }
        }
        if (type == null) {
            return name; // untyped
        }
        throw new IllegalArgumentException(where + name + " is not a sample a " + type + " has");
    }

    private void checkHistogram(String family) {
        Map<Map<String, String>, List<Sample>> buckets = new HashMap<>();
        for (Sample s : samples) {
            if (s.name().equals(family + "_bucket")) {
                Map<String, String> series = new TreeMap<>(s.labels());
                if (series.remove("le") == null) {
                    throw new IllegalArgumentException(family + ": a bucket without le");
                }
                buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
            }
        }
        buckets.forEach((series, list) -> {
            double last = -1;
            double bound = Double.NEGATIVE_INFINITY;
            for (Sample bucket : list) {
                double le = value(bucket.labels().get("le"), family + ": ");
                if (le <= bound || bucket.value() < last) {
                    throw new IllegalArgumentException(family + series + ": buckets not in order or not cumulative");
                }
                bound = le;
                last = bucket.value();
            }
            if (bound != Double.POSITIVE_INFINITY || last != value(family + "_count", series).orElse(-1.0)) {
                throw new IllegalArgumentException(family + series + ": the +Inf bucket is not the count");
            }
        });
    }

    /** @return the value of the sample with exactly these labels, if there is one */
    Optional<Double> value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(new TreeMap<>(labels)))
                .map(Sample::value).findFirst();
    }

    /** @return the value of the sample with exactly these labels, or 0 when there is none (a counter not yet counted) */
    double count(String name, Map<String, String> labels) {
        return value(name, labels).orElse(0.0);
    }

    /** @return the type the text declares for a family, or {@code null} */
    String type(String family) {
        return types.get(family);
    }

    List<Sample> samples() {
        return samples;
    }
}
