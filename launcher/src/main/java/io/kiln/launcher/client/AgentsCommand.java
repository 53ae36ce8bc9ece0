package io.kiln.launcher.client;

import java.util.List;
import java.util.concurrent.Callable;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.kiln.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln agents [reload ID [--prompt=TEXT] [--capabilities=A,B]]}. */
@Command(name = "agents", description = "The agents configured in conf/kiln.agent~<id>.cfg (without a subcommand: the list).")
final class AgentsCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Override
    public Integer call() throws ClientException {
        JsonArray agents = kiln.api().get("api/v1/agents").getAsJsonArray();
        Table table = new Table("ID", "READY", "CAPABILITIES", "MISSING", "PROMPT").firstLinesOnly();
        for (JsonElement e : agents) {
            JsonObject a = e.getAsJsonObject();
            table.row(Views.text(a, "id"), Views.text(a, "ready"), Views.join(a.getAsJsonArray("capabilities")),
                    Views.join(a.getAsJsonArray("missing")), Views.text(a, "prompt"));
        }
        return kiln.print(new Output(agents, table.text()));
    }

    @Command(name = "reload", description = "Reloads an agent, optionally with a new prompt or capabilities.")
    int reload(@Parameters(paramLabel = "ID", description = "the agent's id") String id,
            @Option(names = "--prompt", paramLabel = "TEXT", description = "a new system prompt") String prompt,
            @Option(names = "--capabilities", paramLabel = "A,B", split = ",", description = "the capabilities it needs, comma-separated")
            List<String> capabilities) throws ClientException {
        JsonObject body = new JsonObject();
        if (prompt != null) {
            body.addProperty("prompt", prompt);
        }
        if (capabilities != null) {
            JsonArray caps = new JsonArray();
            capabilities.stream().map(String::strip).filter(c -> !c.isEmpty()).forEach(caps::add);
            body.add("capabilities", caps);
        }
        JsonObject r = kiln.api().post("api/v1/agents/" + Views.encode(id) + "/reload", body).getAsJsonObject();
        return kiln.print(new Output(r, "agent " + id + ": " + Views.text(r, "outcome") + " (" + Views.text(r, "durationMillis") + " ms)"));
    }
}
