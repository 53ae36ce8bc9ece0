package io.kiln.launcher.client;

import java.util.concurrent.Callable;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.kiln.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln config [list] | show PID | set PID KEY VALUE | reload [PID]}: the configuration sections of {@code conf/}. */
@Command(name = "config", description = "The configuration sections in conf/ (without a subcommand: list).")
final class ConfigCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Override
    public Integer call() throws ClientException {
        return list();
    }

    @Command(name = "list", description = "Every section: file, state, the components it configures, why it was refused.")
    int list() throws ClientException {
        JsonArray sections = kiln.api().get("api/v1/config").getAsJsonArray();
        Table table = new Table("PID", "FILE", "STATE", "COMPONENTS", "REASON").firstLinesOnly();
        for (JsonElement e : sections) {
            JsonObject s = e.getAsJsonObject();
            table.row(Views.text(s, "pid"), Views.text(s, "file"), Views.text(s, "state"), Views.join(s.getAsJsonArray("components")),
                    Views.text(s, "reason").isEmpty() ? Views.join(s.getAsJsonArray("warnings")) : Views.text(s, "reason"));
        }
        return kiln.print(new Output(sections, table.text()));
    }

    @Command(name = "show", description = "One section's state and properties.")
    int show(@Parameters(paramLabel = "PID", description = "the section's PID") String pid) throws ClientException {
        JsonObject s = kiln.api().get("api/v1/config/" + Views.encode(pid)).getAsJsonObject();
        StringBuilder out = new StringBuilder("Section " + Views.text(s, "pid") + " from conf/" + Views.text(s, "file") + "\n");
        out.append("State: ").append(Views.text(s, "state")).append(Views.text(s, "reason").isEmpty() ? "" : ": " + Views.text(s, "reason")).append('\n');
        Table table = new Table("KEY", "VALUE").firstLinesOnly();
        s.getAsJsonObject("properties").entrySet()
                .forEach(e -> table.row(e.getKey(), e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString()));
        return kiln.print(new Output(s, out + table.text()));
    }

    @Command(name = "set", description = "Sets one key of a section (the file is rewritten, validated and applied like any change).")
    int set(@Parameters(paramLabel = "PID") String pid, @Parameters(paramLabel = "KEY") String key, @Parameters(paramLabel = "VALUE") String value)
            throws ClientException {
        JsonObject body = new JsonObject();
        body.addProperty("key", key);
        body.addProperty("value", value);
        JsonArray results = kiln.api().put("api/v1/config/" + Views.encode(pid), body).getAsJsonArray();
        // what was written, and what looks wrong in it: an unknown key is applied, but the user should know
        StringBuilder out = new StringBuilder();
        for (JsonElement e : results) {
            JsonObject r = e.getAsJsonObject();
            out.append(pid).append(": ").append(key).append(" = ").append(value).append(" written to conf/").append(Views.text(r, "file"))
                    .append(": ").append(Views.text(r, "outcome")).append(" (").append(Views.text(r, "durationMillis")).append(" ms)");
            r.getAsJsonArray("warnings").forEach(w -> out.append("\nwarning: ").append(w.getAsString()));
        }
        return kiln.print(new Output(results, out.toString()));
    }

    @Command(name = "reload", description = "Reads one section's file again, or every section's.")
    int reload(@Parameters(arity = "0..1", paramLabel = "PID", description = "the section (default: all)") String pid) throws ClientException {
        String path = pid == null ? "api/v1/config/reload" : "api/v1/config/" + Views.encode(pid) + "/reload";
        return kiln.print(results(kiln.api().post(path).getAsJsonArray()));
    }

    private static Output results(JsonArray results) {
        Table table = new Table("PID", "FILE", "OUTCOME", "MS", "ERROR").firstLinesOnly();
        for (JsonElement e : results) {
            JsonObject r = e.getAsJsonObject();
            table.row(Views.text(r, "pid"), Views.text(r, "file"), Views.text(r, "outcome"), Views.text(r, "durationMillis"), Views.text(r, "error"));
        }
        return new Output(results, table.text());
    }
}
