package io.kiln.launcher.client;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln rollback NAME [ID]}. */
@Command(name = "rollback", description = "Returns a plugin to the build before the current one, or to the kept build ID.")
final class RollbackCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Parameters(index = "0", paramLabel = "NAME", description = "the plugin's name")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "a kept build's id as 'kiln show NAME' lists it (4-1f2e3d4c), or a version: the newest build of it")
    String version;

    @Override
    public Integer call() throws ClientException {
        String query = version == null ? "" : "?version=" + Views.encode(version);
        return kiln.print(Views.change(kiln.api().post("api/v1/plugins/" + Views.encode(name) + "/rollback" + query).getAsJsonObject()));
    }
}
