package io.kiln.launcher.client;

import java.util.concurrent.Callable;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.kiln.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kiln fleet status|publish|rollout|pause|resume|abort|rollback|forget|history}: the fleet this Kiln belongs to
 * ({@code conf/io.kiln.fleet.cfg}), through its admin API.
 */
@Command(name = "fleet", description = "The fleet of Kiln nodes this one belongs to (docs/fleet.md); without a subcommand: status.")
final class FleetCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Override
    public Integer call() throws ClientException {
        return status();
    }

    @Command(name = "status", description = "The fleet's release, the rollout, and every node: connected, the release it runs, its last outcome.")
    int status() throws ClientException {
        JsonObject fleet = kiln.api().get("api/v1/fleet").getAsJsonObject();
        StringBuilder out = new StringBuilder();
        out.append("fleet ").append(Views.text(fleet, "fleet")).append(", node ").append(Views.text(fleet, "node"))
                .append(fleet.get("connected").getAsBoolean() ? "" : " (disconnected from ZooKeeper: running what it last applied)")
                .append(fleet.get("coordinator").getAsBoolean() ? ", coordinating" : "").append('\n');
        out.append("release ").append(orNone(Views.text(fleet, "current"))).append('\n');
        if (fleet.has("rollout") && fleet.get("rollout").isJsonObject()) {
            out.append(rollout(fleet.getAsJsonObject("rollout")));
        }
        Table table = new Table("NODE", "CONNECTED", "RELEASE", "LAST", "MESSAGE");
        for (JsonElement e : fleet.getAsJsonArray("nodes")) {
            JsonObject node = e.getAsJsonObject();
            JsonObject status = node.has("status") && node.get("status").isJsonObject() ? node.getAsJsonObject("status") : new JsonObject();
            table.row(Views.text(node, "node"), node.get("connected").getAsBoolean() ? "yes" : "no", orNone(Views.text(status, "release")),
                    Views.text(status, "outcome") + (status.has("target") && !Views.text(status, "target").equals(Views.text(status, "release"))
                            ? " " + Views.text(status, "target") : ""), Views.text(status, "message"));
        }
        out.append(table.text());
        return kiln.print(new Output(fleet, out.toString()));
    }

    @Command(name = "rollout", description = "The running (or last) rollout: its state, canaries, the nodes admitted, what it waits for.")
    int rolloutShow() throws ClientException {
        JsonObject fleet = kiln.api().get("api/v1/fleet").getAsJsonObject();
        JsonElement rollout = fleet.get("rollout");
        if (rollout == null || !rollout.isJsonObject()) {
            return kiln.print(new Output(new JsonObject(), "no rollout has run in this fleet"));
        }
        return kiln.print(new Output(rollout, rollout(rollout.getAsJsonObject())));
    }

    @Command(name = "publish", description = "Makes what this node runs (its plugins, and the sections io.kiln.fleet lists) the fleet's next "
            + "release and rolls it out: canary first, then batches.")
    int publish() throws ClientException {
        return change("publish");
    }

    @Command(name = "pause", description = "Admits no more nodes to the running rollout (those applying it finish).")
    int pause() throws ClientException {
        return change("pause");
    }

    @Command(name = "resume", description = "Lets a paused rollout go on.")
    int resume() throws ClientException {
        return change("resume");
    }

    @Command(name = "abort", description = "Stops the running rollout and rolls back the nodes that applied it.")
    int abort() throws ClientException {
        return change("abort");
    }

    @Command(name = "rollback", description = "Rolls the fleet out to the release it ran before its current one (canary first).")
    int rollback() throws ClientException {
        return change("rollback");
    }

    @Command(name = "forget", description = "Forgets a node that left the fleet for good (stopped, its section removed), so that "
            + "rollouts stop waiting for it.")
    int forget(@picocli.CommandLine.Parameters(paramLabel = "NODE", description = "the node's name") String node) throws ClientException {
        JsonObject answer = kiln.api().post("api/v1/fleet/forget?node=" + Views.encode(node)).getAsJsonObject();
        return kiln.print(new Output(answer, "the fleet forgot " + node));
    }

    @Command(name = "history", description = "The rollouts that ended, the newest first.")
    int history(@Option(names = { "-n", "--limit" }, defaultValue = "20", description = "how many (default 20)") int limit) throws ClientException {
        JsonArray rollouts = kiln.api().get("api/v1/fleet/history?limit=" + limit).getAsJsonArray();
        Table table = new Table("ROLLOUT", "RELEASE", "FROM", "STATE", "BY", "REASON");
        for (JsonElement e : rollouts) {
            JsonObject r = e.getAsJsonObject();
            table.row(Views.text(r, "id"), orNone(Views.text(r, "release")), orNone(Views.text(r, "previous")), Views.text(r, "state"),
                    Views.text(r, "requestedBy"), Views.text(r, "reason"));
        }
        return kiln.print(new Output(rollouts, rollouts.isEmpty() ? "no rollout has ended yet" : table.text()));
    }

    private int change(String action) throws ClientException {
        JsonObject rollout = kiln.api().post("api/v1/fleet/" + action).getAsJsonObject();
        return kiln.print(new Output(rollout, rollout(rollout)));
    }

    private static String rollout(JsonObject r) {
        StringBuilder out = new StringBuilder();
        out.append("rollout ").append(Views.text(r, "id")).append(": ").append(orNone(Views.text(r, "release"))).append(" (from ")
                .append(orNone(Views.text(r, "previous"))).append(") ").append(Views.text(r, "state"))
                .append(r.has("paused") && r.get("paused").getAsBoolean() ? ", paused" : "").append('\n');
        if (r.has("canaries") && !r.getAsJsonArray("canaries").isEmpty()) {
            out.append("  canaries ").append(Views.join(r.getAsJsonArray("canaries"), ", ")).append("; admitted ")
                    .append(Views.join(r.getAsJsonArray("admitted"), ", ")).append('\n');
        }
        if (!Views.text(r, "waiting").isEmpty()) {
            out.append("  ").append(Views.text(r, "waiting")).append('\n');
        }
        if (!Views.text(r, "reason").isEmpty()) {
            out.append("  ").append(Views.text(r, "reason")).append('\n');
        }
        return out.toString();
    }

    private static String orNone(String release) {
        return release.isEmpty() ? "(none)" : release;
    }
}
