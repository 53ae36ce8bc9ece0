package io.kiln.launcher.client;

import java.util.List;
import java.util.concurrent.Callable;

import com.google.gson.JsonObject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln exec 'COMMAND'}: one Gogo command of the running Kiln, its output, and its exit status. */
@Command(name = "exec", description = "Runs one shell command in the running Kiln (e.g. 'sample:greet Ada'), prints its output, "
        + "and exits 1 with its error if it failed.")
final class ExecCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "the command line, quoted or as words")
    List<String> words;

    @Override
    public Integer call() throws ClientException {
        JsonObject body = new JsonObject();
        body.addProperty("command", String.join(" ", words));
        return RemoteShell.print(kiln, kiln.api().post("api/v1/shell", body).getAsJsonObject());
    }
}
