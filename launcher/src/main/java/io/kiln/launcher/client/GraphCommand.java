package io.kiln.launcher.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.kiln.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln graph [NAME]}: who uses whom, and what a change to a plugin would restart, as Kiln predicts it. */
@Command(name = "graph", description = "The plugins' dependency graph: what each uses, and what a change to it would restart; "
        + "with NAME, that plugin's links and what a change to it restarts and leaves running, with why.")
final class GraphCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "a plugin's name (its Bundle-SymbolicName)")
    String name;

    @Override
    public Integer call() throws ClientException {
        if (name != null) {
            JsonObject p = kiln.api().get("api/v1/graph/" + Views.encode(name)).getAsJsonObject();
            return kiln.print(new Output(p, one(p)));
        }
        JsonObject graph = kiln.api().get("api/v1/graph").getAsJsonObject();
        Table table = new Table("PLUGIN", "STATE", "USES", "A CHANGE RESTARTS");
        for (JsonElement e : graph.getAsJsonArray("plugins")) {
            JsonObject p = e.getAsJsonObject();
            table.row(Views.text(p, "name"), state(p), or(Views.join(p.getAsJsonArray("uses")), "-"),
                    or(Views.join(p.getAsJsonObject("change").getAsJsonArray("restarts")), "none"));
        }
        return kiln.print(new Output(graph, table.text()));
    }

    private static String one(JsonObject p) {
        String name = Views.text(p, "name");
        List<String> lines = new ArrayList<>();
        lines.add(name + " " + Views.text(p, "version") + " (" + state(p) + ")");
        for (JsonElement e : p.getAsJsonArray("links")) {
            JsonObject link = e.getAsJsonObject();
            boolean uses = Views.text(link, "dependent").equals(name);
            lines.add((uses ? "uses " + Views.text(link, "provider") : "used by " + Views.text(link, "dependent")) + ": " + Views.text(link, "why"));
        }
        JsonArray dependents = p.getAsJsonObject("change").getAsJsonArray("dependents");
        List<String> restarts = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (JsonElement e : dependents) {
            JsonObject d = e.getAsJsonObject();
            if (d.get("restarts").getAsBoolean()) {
                restarts.add("  " + Views.text(d, "plugin") + ": " + Views.text(d, "restart"));
            } else {
                kept.add("  " + Views.text(d, "plugin") + ": " + Views.text(d, "why"));
            }
        }
        lines.add("a change to it restarts" + (restarts.isEmpty() ? ": none" : ", in this order:"));
        lines.addAll(restarts);
        if (!kept.isEmpty()) {
            lines.add("keeps running:");
            lines.addAll(kept);
        }
        return String.join("\n", lines);
    }

    private static String state(JsonObject p) {
        String state = p.get("degraded").getAsBoolean() ? "DEGRADED (" + Views.text(p, "state") + ")" : Views.text(p, "state");
        return p.get("enabled").getAsBoolean() ? state : state + ", disabled";
    }

    private static String or(String text, String none) {
        return text.isEmpty() ? none : text;
    }
}
