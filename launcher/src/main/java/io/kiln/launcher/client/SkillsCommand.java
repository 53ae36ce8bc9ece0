package io.kiln.launcher.client;

import java.util.concurrent.Callable;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.kiln.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln skills [reload [NAME]]}. */
@Command(name = "skills", description = "The skills in skills/ (without a subcommand: the list).")
final class SkillsCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Override
    public Integer call() throws ClientException {
        return kiln.print(table(kiln.api().get("api/v1/skills").getAsJsonArray()));
    }

    @Command(name = "reload", description = "Reads one skill's SKILL.md again, or every skill's.")
    int reload(@Parameters(arity = "0..1", paramLabel = "NAME", description = "the skill (default: all)") String name) throws ClientException {
        String query = name == null ? "" : "?name=" + Views.encode(name);
        return kiln.print(table(kiln.api().post("api/v1/skills/reload" + query).getAsJsonArray()));
    }

    private static Output table(JsonArray skills) {
        Table table = new Table("NAME", "VERSION", "STATE", "PUBLISHED", "REASON").firstLinesOnly();
        for (JsonElement e : skills) {
            JsonObject s = e.getAsJsonObject();
            table.row(Views.text(s, "name"), Views.text(s, "version"), Views.text(s, "state"), Views.text(s, "published"), Views.text(s, "reason"));
        }
        return new Output(skills, table.text());
    }
}
