package io.kiln.launcher.client;

import java.util.concurrent.Callable;

import com.google.gson.JsonObject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln remove NAME}. */
@Command(name = "remove", description = "Uninstalls a plugin and deletes its file from hot/.")
final class RemoveCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Parameters(paramLabel = "NAME", description = "the plugin's name")
    String name;

    @Override
    public Integer call() throws ClientException {
        String before = LeftWithout.warning(kiln.api(), name, "removing");
        JsonObject r = kiln.api().delete("api/v1/plugins/" + Views.encode(name)).getAsJsonObject();
        return kiln.print(new Output(r, before + "removed " + Views.text(r, "plugin") + " (" + Views.text(r, "file") + ")"
                + Views.dependents(r.getAsJsonObject("result"))));
    }
}
