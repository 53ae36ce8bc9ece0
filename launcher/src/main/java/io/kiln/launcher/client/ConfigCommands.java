package io.kiln.launcher.client;

import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.kiln.launcher.client.Client.Output;

/** {@code config ...}, {@code skills ...}, {@code agents ...}. */
final class ConfigCommands {

    private final ApiClient api;
    private final List<String> words;

    ConfigCommands(ApiClient api, List<String> words) {
        this.api = api;
        this.words = words;
    }

    Output run() throws ClientException {
        String sub = words.size() > 1 ? words.get(1) : "list";
        return switch (sub + "/" + (words.size() - 2)) {
            case "list/-1", "list/0" -> sections(api.get("api/v1/config").getAsJsonArray());
            case "show/1" -> show(api.get("api/v1/config/" + Commands.encode(words.get(2))).getAsJsonObject());
            case "reload/0" -> results(api.post("api/v1/config/reload").getAsJsonArray());
            case "reload/1" -> results(api.post("api/v1/config/" + Commands.encode(words.get(2)) + "/reload").getAsJsonArray());
            case "set/3" -> {
                JsonObject body = new JsonObject();
                body.addProperty("key", words.get(3));
                body.addProperty("value", words.get(4));
                yield results(put(words.get(2), body));
            }
            default -> throw ClientOptions.usage("usage: config [list] | config show PID | config set PID KEY VALUE | config reload [PID]");
        };
    }

    private JsonArray put(String pid, JsonObject body) throws ClientException {
        return api.put("api/v1/config/" + Commands.encode(pid), body).getAsJsonArray();
    }

    Output runSkillsOrAgents(ClientOptions options) throws ClientException {
        boolean skills = "skills".equals(words.get(0));
        if (words.size() == 1) {
            return skills ? skillTable(api.get("api/v1/skills").getAsJsonArray()) : agentTable(api.get("api/v1/agents").getAsJsonArray());
        }
        if (!"reload".equals(words.get(1))) {
            throw ClientOptions.usage("usage: skills [reload [NAME]] | agents [reload ID [--prompt=TEXT] [--capabilities=A,B]]");
        }
        if (skills) {
            String query = words.size() > 2 ? "?name=" + Commands.encode(words.get(2)) : "";
            return skillTable(api.post("api/v1/skills/reload" + query).getAsJsonArray());
        }
        if (words.size() < 3) {
            throw ClientOptions.usage("agents reload needs an agent id");
        }
        JsonObject body = new JsonObject();
        if (options.value("--prompt") != null) {
            body.addProperty("prompt", options.value("--prompt"));
        }
        if (options.value("--capabilities") != null) {
            JsonArray caps = new JsonArray();
            for (String c : options.value("--capabilities").split(",")) {
                if (!c.isBlank()) {
                    caps.add(c.strip());
                }
            }
            body.add("capabilities", caps);
        }
        JsonObject r = api.post("api/v1/agents/" + Commands.encode(words.get(2)) + "/reload", body).getAsJsonObject();
        return new Output(r, "agent " + words.get(2) + ": " + Commands.text(r, "outcome") + " (" + Commands.text(r, "durationMillis") + " ms)");
    }

    private static Output sections(JsonArray sections) {
        Table table = new Table("PID", "FILE", "STATE", "COMPONENTS", "REASON");
        for (JsonElement e : sections) {
            JsonObject s = e.getAsJsonObject();
            table.row(Commands.text(s, "pid"), Commands.text(s, "file"), Commands.text(s, "state"), Commands.join(s.getAsJsonArray("components")),
                    Commands.text(s, "reason").isEmpty() ? Commands.join(s.getAsJsonArray("warnings")) : Commands.text(s, "reason"));
        }
        return new Output(sections, table.toString());
    }

    private static Output show(JsonObject s) {
        StringBuilder out = new StringBuilder("Section " + Commands.text(s, "pid") + " from conf/" + Commands.text(s, "file") + "\n");
        out.append("State: ").append(Commands.text(s, "state")).append(Commands.text(s, "reason").isEmpty() ? "" : ": " + Commands.text(s, "reason")).append('\n');
        Table table = new Table("KEY", "VALUE");
        s.getAsJsonObject("properties").entrySet().forEach(e -> table.row(e.getKey(), e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString()));
        return new Output(s, out + table.toString());
    }

    private static Output results(JsonArray results) {
        Table table = new Table("PID", "FILE", "OUTCOME", "MS", "ERROR");
        for (JsonElement e : results) {
            JsonObject r = e.getAsJsonObject();
            table.row(Commands.text(r, "pid"), Commands.text(r, "file"), Commands.text(r, "outcome"), Commands.text(r, "durationMillis"), Commands.text(r, "error"));
        }
        return new Output(results, table.toString());
    }

    private static Output skillTable(JsonArray skills) {
        Table table = new Table("NAME", "VERSION", "STATE", "PUBLISHED", "REASON");
        for (JsonElement e : skills) {
            JsonObject s = e.getAsJsonObject();
            table.row(Commands.text(s, "name"), Commands.text(s, "version"), Commands.text(s, "state"), Commands.text(s, "published"), Commands.text(s, "reason"));
        }
        return new Output(skills, table.toString());
    }

    private static Output agentTable(JsonArray agents) {
        Table table = new Table("ID", "READY", "CAPABILITIES", "MISSING", "PROMPT");
        for (JsonElement e : agents) {
            JsonObject a = e.getAsJsonObject();
            table.row(Commands.text(a, "id"), Commands.text(a, "ready"), Commands.join(a.getAsJsonArray("capabilities")),
                    Commands.join(a.getAsJsonArray("missing")), Commands.text(a, "prompt"));
        }
        return new Output(agents, table.toString());
    }
}
