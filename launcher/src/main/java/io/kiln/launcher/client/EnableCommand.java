package io.kiln.launcher.client;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln enable NAME}. */
@Command(name = "enable", description = "Enables a disabled plugin (remembered across restarts).")
final class EnableCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Parameters(paramLabel = "NAME", description = "the plugin's name")
    String name;

    @Override
    public Integer call() throws ClientException {
        return kiln.print(Views.change(kiln.api().post("api/v1/plugins/" + Views.encode(name) + "/enable").getAsJsonObject()));
    }
}
