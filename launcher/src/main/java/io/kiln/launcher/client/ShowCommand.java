package io.kiln.launcher.client;

import java.util.concurrent.Callable;

import com.google.gson.JsonObject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln show NAME}. */
@Command(name = "show", description = "One plugin: what keeps it from working, the plugins that depend on it, and the builds kept for rollback.")
final class ShowCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Parameters(paramLabel = "NAME", description = "the plugin's name (its Bundle-SymbolicName)")
    String name;

    @Override
    public Integer call() throws ClientException {
        JsonObject p = kiln.api().get("api/v1/plugins/" + Views.encode(name)).getAsJsonObject();
        String dependents = p.getAsJsonArray("dependents").isEmpty() ? "" : "\ndependents: " + Views.join(p.getAsJsonArray("dependents"));
        String kept = p.get("previousVersions").getAsJsonArray().isEmpty() ? ""
                : "\nkept for rollback (kiln rollback " + name + " ID): " + Views.join(p.get("previousVersions").getAsJsonArray());
        return kiln.print(new Output(p, Views.plugins(Views.wrap(p)).text() + dependents + kept));
    }
}
