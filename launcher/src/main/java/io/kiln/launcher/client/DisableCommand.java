package io.kiln.launcher.client;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln disable NAME}. */
@Command(name = "disable", description = "Disables a plugin: stopped, its file kept (remembered across restarts); its dependents are left without it.")
final class DisableCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Parameters(paramLabel = "NAME", description = "the plugin's name")
    String name;

    @Override
    public Integer call() throws ClientException {
        String before = LeftWithout.warning(kiln.api(), name, "disabling");
        Output done = Views.change(kiln.api().post("api/v1/plugins/" + Views.encode(name) + "/disable").getAsJsonObject());
        return kiln.print(new Output(done.json(), before + done.text()));
    }
}
