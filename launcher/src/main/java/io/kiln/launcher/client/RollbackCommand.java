package io.kiln.launcher.client;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln rollback NAME [VERSION]}. */
@Command(name = "rollback", description = "Returns a plugin to the version before the current one, or to VERSION.")
final class RollbackCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Parameters(index = "0", paramLabel = "NAME", description = "the plugin's name")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION", description = "one of the versions 'kiln show NAME' lists as kept")
    String version;

    @Override
    public Integer call() throws ClientException {
        String query = version == null ? "" : "?version=" + Views.encode(version);
        return kiln.print(Views.change(kiln.api().post("api/v1/plugins/" + Views.encode(name) + "/rollback" + query).getAsJsonObject()));
    }
}
