package io.kiln.launcher.client;

import java.util.concurrent.Callable;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.kiln.table.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln exports [PREFIX]}: what a plugin may import from the platform, from the running framework. */
@Command(name = "exports", description = "The packages the running Kiln exports to plugins, with versions and bundles "
        + "(only those starting with PREFIX, e.g. org.slf4j).")
final class ExportsCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Parameters(paramLabel = "PREFIX", arity = "0..1", description = "a package name or its beginning")
    String prefix;

    @Override
    public Integer call() throws ClientException {
        String query = prefix == null ? "" : "?package=" + Views.encode(prefix);
        JsonArray exports = kiln.api().get("api/v1/exports" + query).getAsJsonArray();
        Table table = new Table("PACKAGE", "VERSION", "BUNDLE");
        for (JsonElement e : exports) {
            JsonObject export = e.getAsJsonObject();
            table.row(Views.text(export, "package"), Views.text(export, "version"), Views.text(export, "bundle"));
        }
        return kiln.print(new Output(exports, exports.isEmpty() ? "no exported package" + (prefix == null ? "" : " starts with " + prefix)
                : table.text()));
    }
}
