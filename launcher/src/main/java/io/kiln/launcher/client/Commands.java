package io.kiln.launcher.client;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.kiln.launcher.client.Client.Output;

/** The client's commands: one API call each (two for {@code --verify}), shown as a table. */
final class Commands {

    private final ApiClient api;
    private final ClientOptions options;
    private final List<String> words;

    Commands(ApiClient api, ClientOptions options, PrintStream out) {
        this.api = api;
        this.options = options;
        this.words = options.words();
    }

    Output run(String command) throws ClientException {
        switch (command) {
            case "reload" -> options.allowFlags("--verify", "--only", "--dependencies");
            case "install" -> options.allowFlags("--sha256");
            case "agents" -> options.allowFlags("--prompt", "--capabilities");
            default -> options.allowFlags();
        }
        return switch (command) {
            case "status" -> status(api.get("api/v1/status").getAsJsonObject());
            case "list" -> plugins(api.get("api/v1/plugins").getAsJsonArray());
            case "show" -> {
                JsonObject p = api.get("api/v1/plugins/" + encode(arg(1, "NAME"))).getAsJsonObject();
                yield new Output(p, plugins(wrap(p)).text() + (p.get("previousVersions").getAsJsonArray().isEmpty() ? ""
                        : "\nkept for rollback: " + join(p.get("previousVersions").getAsJsonArray())));
            }
            case "reload" -> reload(arg(1, "NAME"));
            case "reload-all" -> summary(api.post("api/v1/plugins/reload-all").getAsJsonObject());
            case "install" -> install(arg(1, "FILE or URL"));
            case "remove" -> {
                JsonObject r = api.delete("api/v1/plugins/" + encode(arg(1, "NAME"))).getAsJsonObject();
                yield new Output(r, "removed " + text(r, "plugin") + " (" + text(r, "file") + ")");
            }
            case "enable", "disable" -> change(api.post("api/v1/plugins/" + encode(arg(1, "NAME")) + "/" + command).getAsJsonObject());
            case "rollback" -> change(api.post("api/v1/plugins/" + encode(arg(1, "NAME")) + "/rollback"
                    + (words.size() > 2 ? "?version=" + encode(words.get(2)) : "")).getAsJsonObject());
            case "history" -> history(api.get("api/v1/history?limit=" + (words.size() > 1 ? number(words.get(1)) : 20)).getAsJsonArray());
            case "config" -> new ConfigCommands(api, words).run();
            case "skills", "agents" -> new ConfigCommands(api, words).runSkillsOrAgents(options);
            default -> throw ClientOptions.usage("unknown command '" + command + "'");
        };
    }

    private String arg(int index, String what) throws ClientException {
        if (words.size() <= index) {
            throw ClientOptions.usage(words.get(0) + " needs " + what);
        }
        return words.get(index);
    }

    private static int number(String text) throws ClientException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ClientOptions.usage("not a number: '" + text + "'");
        }
    }

    private Output reload(String name) throws ClientException {
        String query = "?dependents=" + !options.flag("--only") + "&dependencies=" + options.flag("--dependencies");
        JsonObject summary = api.post("api/v1/plugins/" + encode(name) + "/reload" + query).getAsJsonObject();
        Output output = summary(summary);
        if (options.flag("--verify")) {
            for (JsonElement r : summary.getAsJsonArray("results")) {
                Verify.live(api, text(r.getAsJsonObject(), "plugin"), Duration.ofSeconds(10));
            }
            return new Output(summary, output.text() + "\nverified: every reloaded plugin is ACTIVE");
        }
        return output;
    }

    private Output install(String source) throws ClientException {
        JsonObject answer;
        String sha256 = options.value("--sha256");
        if (source.startsWith("https://") || source.startsWith("http://")) {
            JsonObject body = new JsonObject();
            body.addProperty("url", source);
            if (sha256 != null) {
                body.addProperty("sha256", sha256);
            }
            answer = api.post("api/v1/plugins", body).getAsJsonObject();
        } else {
            Path file = Path.of(source);
            if (!Files.isRegularFile(file)) {
                throw new ClientException("no such file: " + file);
            }
            answer = api.postFile("api/v1/plugins" + (sha256 == null ? "" : "?sha256=" + encode(sha256)), file).getAsJsonObject();
        }
        return new Output(answer, text(answer, "plugin") + " " + text(answer, "version") + " is live (" + text(answer, "outcome") + ", file hot/"
                + text(answer, "file") + ")");
    }

    static Output status(JsonObject s) {
        StringBuilder out = new StringBuilder();
        out.append("Kiln ").append(text(s, "version")).append(", up ").append(Duration.ofMillis(s.get("uptimeMillis").getAsLong()).toSeconds()).append(" s\n");
        out.append("Plugins: ").append(s.get("plugins").getAsInt()).append(" (").append(s.get("active").getAsInt()).append(" active, ")
                .append(s.get("disabled").getAsInt()).append(" disabled)\n");
        JsonArray rejected = s.getAsJsonArray("rejected");
        if (rejected.isEmpty()) {
            out.append("Rejected files: none\n");
        } else {
            Table table = new Table("FILE", "PLUGIN", "SINCE", "REASON");
            rejected.forEach(e -> table.row(text(e.getAsJsonObject(), "file"), text(e.getAsJsonObject(), "plugin"),
                    text(e.getAsJsonObject(), "time"), text(e.getAsJsonObject(), "reason")));
            out.append("Rejected files:\n").append(table).append('\n');
        }
        out.append("Stuck: ").append(s.getAsJsonArray("stuck").isEmpty() ? "none" : join(s.getAsJsonArray("stuck")));
        return new Output(s, out.toString());
    }

    static Output plugins(JsonArray plugins) {
        Table table = new Table("NAME", "VERSION", "STATE", "ENABLED", "FILE", "LAST CHANGE");
        for (JsonElement e : plugins) {
            JsonObject p = e.getAsJsonObject();
            String last = text(p, "lastResult") + (text(p, "lastError").isEmpty() ? "" : ": " + text(p, "lastError"));
            table.row(text(p, "name"), text(p, "version"), text(p, "state"), p.get("enabled").getAsBoolean() ? "yes" : "no", text(p, "file"), last);
        }
        return new Output(plugins, table.toString());
    }

    static Output summary(JsonObject summary) {
        Table table = new Table("PLUGIN", "ACTION", "VERSION", "OUTCOME", "MS", "ERROR");
        for (JsonElement e : summary.getAsJsonArray("results")) {
            JsonObject r = e.getAsJsonObject();
            table.row(text(r, "plugin"), text(r, "action"), text(r, "toVersion"), text(r, "outcome"), text(r, "durationMillis"), text(r, "error"));
        }
        return new Output(summary, table + "\n" + summary.get("succeeded").getAsLong() + " reloaded, " + summary.get("failed").getAsLong() + " failed");
    }

    static Output change(JsonObject r) {
        return new Output(r, text(r, "action") + " " + text(r, "plugin") + " " + text(r, "toVersion") + ": " + text(r, "outcome")
                + " (" + text(r, "durationMillis") + " ms)");
    }

    static Output history(JsonArray entries) {
        Table table = new Table("TIME", "PLUGIN", "ACTION", "FROM", "TO", "RESULT", "MS", "BY", "ERROR");
        for (JsonElement e : entries) {
            JsonObject h = e.getAsJsonObject();
            table.row(text(h, "time"), text(h, "plugin"), text(h, "action"), text(h, "fromVersion"), text(h, "toVersion"),
                    text(h, "outcome"), text(h, "durationMillis"), text(h, "trigger"), text(h, "error"));
        }
        return new Output(entries, table.toString());
    }

    static String text(JsonObject o, String member) {
        JsonElement e = o.get(member);
        return e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    static String join(JsonArray array) {
        StringBuilder out = new StringBuilder();
        array.forEach(e -> out.append(out.length() == 0 ? "" : ", ").append(e.getAsString()));
        return out.toString();
    }

    private static JsonArray wrap(JsonObject o) {
        JsonArray a = new JsonArray();
        a.add(o);
        return a;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
