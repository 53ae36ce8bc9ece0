package io.kiln.launcher.client;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln history [N]}. */
@Command(name = "history", description = "The latest changes, newest first.")
final class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Parameters(arity = "0..1", paramLabel = "N", defaultValue = "20", description = "how many (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() throws ClientException {
        return kiln.print(Views.history(kiln.api().get("api/v1/history?limit=" + limit).getAsJsonArray()));
    }
}
