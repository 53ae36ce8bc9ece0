package io.kiln.launcher.client;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code kiln status}. */
@Command(name = "status", description = "Runtime version, uptime, counts; rejected files, sections and skills; stuck plugins; retired revisions still in memory.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Override
    public Integer call() throws ClientException {
        return kiln.print(Views.status(kiln.api().get("api/v1/status").getAsJsonObject()));
    }
}
