package io.kiln.launcher.client;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code kiln list}. */
@Command(name = "list", description = "The plugins: name, version, state, file, how their last change ended.")
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Override
    public Integer call() throws ClientException {
        return kiln.print(Views.plugins(kiln.api().get("api/v1/plugins").getAsJsonArray()));
    }
}
