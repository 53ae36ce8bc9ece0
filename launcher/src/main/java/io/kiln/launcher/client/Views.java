package io.kiln.launcher.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.kiln.table.Table;
import io.kiln.table.Times;

/** The API's answers as the client prints them. */
final class Views {

    /** The members of a "Rejected ..." entry that are times, printed as the shell prints them. */
    private static final Set<String> TIME_MEMBERS = Set.of("time", "changed");

    private Views() {
    }

    static Output status(JsonObject s) {
        StringBuilder out = new StringBuilder();
        out.append("Kiln ").append(text(s, "version")).append(", up ").append(Duration.ofMillis(s.get("uptimeMillis").getAsLong()).toSeconds()).append(" s\n");
        out.append("Plugins: ").append(s.get("plugins").getAsInt()).append(" (").append(s.get("active").getAsInt()).append(" active, ")
                .append(s.has("degraded") ? s.get("degraded").getAsInt() + " degraded, " : "")
                .append(s.get("disabled").getAsInt()).append(" disabled)\n");
        rejected(out, "Rejected files", s.getAsJsonArray("rejected"), "", new String[] { "FILE", "PLUGIN", "SINCE", "REASON" },
                new String[] { "file", "plugin", "time", "reason" });
        rejected(out, "Rejected sections", s.getAsJsonArray("rejectedSections"), " (their components keep the last good configuration, unless the reason says otherwise)",
                new String[] { "FILE", "PID", "SINCE", "REASON" }, new String[] { "file", "pid", "changed", "reason" });
        rejected(out, "Rejected skills", s.getAsJsonArray("rejectedSkills"), " (a refused change keeps the last good version published)",
                new String[] { "FILE", "SKILL", "SINCE", "REASON" }, new String[] { "file", "name", "changed", "reason" });
        out.append("Stuck: ").append(s.getAsJsonArray("stuck").isEmpty() ? "none" : join(s.getAsJsonArray("stuck")));
        JsonArray recovered = s.getAsJsonArray("recovered");
        if (recovered != null) {
            // a Kiln without the member (an older one) prints nothing for it
            out.append("\nRecovered at the last start:").append(recovered.isEmpty() ? " nothing to recover" : "");
            recovered.forEach(line -> out.append("\n  ").append(line.getAsString()));
        }
        JsonArray retained = s.getAsJsonArray("retained");
        if (retained != null) {
            // a Kiln without the member (an older one) prints nothing for it
            out.append("\nRetained revisions: ").append(retained.isEmpty() ? "none" : "(retired, still in memory)");
            for (JsonElement e : retained) {
                JsonObject r = e.getAsJsonObject();
                out.append("\n  ").append(text(r, "plugin")).append(' ').append(text(r, "version")).append(", retired ")
                        .append(Times.moment(text(r, "retired"))).append(", held by: ").append(join(r.getAsJsonArray("holders"), "; "));
            }
        }
        return new Output(s, out.toString());
    }

    /** One "Rejected ..." block; a Kiln without the member (an older one) prints nothing for it. */
    private static void rejected(StringBuilder out, String title, JsonArray entries, String note, String[] header, String[] members) {
        if (entries == null) {
            return;
        }
        if (entries.isEmpty()) {
            out.append(title).append(": none\n");
            return;
        }
        Table table = new Table(header).firstLinesOnly();
        for (JsonElement e : entries) {
            Object[] cells = new Object[members.length];
            for (int i = 0; i < members.length; i++) {
                String value = text(e.getAsJsonObject(), members[i]);
                cells[i] = TIME_MEMBERS.contains(members[i]) ? Times.moment(value) : value;
            }
            table.row(cells);
        }
        out.append(title).append(note).append(":\n").append(table);
    }

    static Output plugins(JsonArray plugins) {
        Table table = new Table("NAME", "VERSION", "STATE", "ENABLED", "FILE", "LAST CHANGE").firstLinesOnly();
        StringBuilder degraded = new StringBuilder();
        for (JsonElement e : plugins) {
            JsonObject p = e.getAsJsonObject();
            String last = text(p, "lastResult") + (text(p, "lastError").isEmpty() ? "" : ": " + text(p, "lastError"));
            // a plugin that runs but cannot work is never shown as plain ACTIVE
            String state = isDegraded(p) ? "DEGRADED" : text(p, "state");
            table.row(text(p, "name"), text(p, "version"), state, p.get("enabled").getAsBoolean() ? "yes" : "no", text(p, "file"), last);
            if (isDegraded(p)) {
                degraded.append('\n').append(text(p, "name")).append(" is degraded (").append(text(p, "state")).append("): ")
                        .append(join(p.getAsJsonArray("problems"), "; "));
            }
        }
        return new Output(plugins, table.text() + degraded);
    }

    private static boolean isDegraded(JsonObject p) {
        return p.has("degraded") && p.get("degraded").getAsBoolean();
    }

    /** What a change did to each plugin that depends on the changed one, and what the plugin left behind, a line each. */
    static String dependents(JsonObject result) {
        StringBuilder out = new StringBuilder();
        JsonArray leftovers = result.getAsJsonArray("leftovers");
        if (leftovers != null) {
            leftovers.forEach(l -> out.append("\n  left behind ").append(text(l.getAsJsonObject(), "text")));
        }
        JsonArray dependents = result.getAsJsonArray("dependents");
        if (dependents != null) {
            for (JsonElement e : dependents) {
                JsonObject d = e.getAsJsonObject();
                String restart = d.has("restart") ? text(d, "restart") : "";
                out.append("\n  dependent ").append(text(d, "plugin")).append(" (").append(text(d, "why")).append("): ")
                        .append(restart.isEmpty() ? "" : "restarted (" + restart + "), ")
                        .append(d.get("intact").getAsBoolean() ? "back as it was" : text(d, "problem"));
            }
        }
        return out.toString();
    }

    static Output summary(JsonObject summary) {
        Table table = new Table("PLUGIN", "ACTION", "VERSION", "OUTCOME", "MS", "ERROR").firstLinesOnly();
        StringBuilder touched = new StringBuilder();
        for (JsonElement e : summary.getAsJsonArray("results")) {
            JsonObject r = e.getAsJsonObject();
            table.row(text(r, "plugin"), text(r, "action"), text(r, "toVersion"), text(r, "outcome"), text(r, "durationMillis"), text(r, "error"));
            String dependents = dependents(r);
            if (!dependents.isEmpty()) {
                touched.append(text(r, "plugin")).append(':').append(dependents).append('\n');
            }
        }
        return new Output(summary, table.toString() + touched + summary.get("succeeded").getAsLong() + " reloaded, "
                + summary.get("failed").getAsLong() + " failed");
    }

    static Output change(JsonObject r) {
        return new Output(r, text(r, "action") + " " + text(r, "plugin") + " " + text(r, "toVersion") + ": " + text(r, "outcome")
                + " (" + text(r, "durationMillis") + " ms)" + dependents(r));
    }

    static Output history(JsonArray entries) {
        Table table = new Table("TIME", "KIND", "NAME", "ACTION", "FROM", "TO", "RESULT", "MS", "REFRESHED", "RESTARTED", "BY", "ERROR")
                .firstLinesOnly();
        StringBuilder touched = new StringBuilder();
        for (JsonElement e : entries) {
            JsonObject h = e.getAsJsonObject();
            table.row(Times.moment(text(h, "time")), text(h, "subject"), text(h, "name"), text(h, "action"), text(h, "fromVersion"), text(h, "toVersion"),
                    text(h, "outcome"), text(h, "durationMillis"), count(h, "refreshed"), count(h, "restarted"), text(h, "trigger"),
                    text(h, "error"));
            String dependents = dependents(h);
            if (!dependents.isEmpty()) {
                touched.append('\n').append(Times.moment(text(h, "time"))).append(' ').append(text(h, "name")).append(':').append(dependents);
            }
        }
        return new Output(entries, table.text() + touched);
    }

    /** A count of a history entry; "?" where the entry was recorded before Kiln counted it (null or absent). */
    private static String count(JsonObject o, String member) {
        String count = text(o, member);
        return count.isEmpty() ? "?" : count;
    }

    static String text(JsonObject o, String member) {
        JsonElement e = o.get(member);
        return e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    static String join(JsonArray array) {
        return join(array, ", ");
    }

    static String join(JsonArray array, String separator) {
        StringBuilder out = new StringBuilder();
        if (array != null) {
            array.forEach(e -> out.append(out.length() == 0 ? "" : separator).append(e.getAsString()));
        }
        return out.toString();
    }

    static JsonArray wrap(JsonObject o) {
        JsonArray a = new JsonArray();
        a.add(o);
        return a;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
