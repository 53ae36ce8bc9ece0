package io.kiln.launcher.client;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code kiln reload-all}. */
@Command(name = "reload-all", description = "Reloads every plugin.")
final class ReloadAllCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Override
    public Integer call() throws ClientException {
        return kiln.print(Views.summary(kiln.api().post("api/v1/plugins/reload-all").getAsJsonObject()));
    }
}
