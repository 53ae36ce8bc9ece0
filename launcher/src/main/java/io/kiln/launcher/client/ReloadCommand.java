package io.kiln.launcher.client;

import java.time.Duration;
import java.util.concurrent.Callable;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln reload NAME [--verify] [--only] [--dependencies]}. */
@Command(name = "reload", description = "Reloads a plugin, and its dependents unless --only.")
final class ReloadCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Parameters(paramLabel = "NAME", description = "the plugin's name")
    String name;

    @Option(names = "--verify", description = "then check every reloaded plugin is ACTIVE with a successful last change")
    boolean verify;

    @Option(names = "--only", description = "reload this plugin alone, not its dependents")
    boolean only;

    @Option(names = "--dependencies", description = "reload the plugins it depends on too")
    boolean dependencies;

    @Override
    public Integer call() throws ClientException {
        ApiClient api = kiln.api();
        String query = "?dependents=" + !only + "&dependencies=" + dependencies;
        JsonObject summary = api.post("api/v1/plugins/" + Views.encode(name) + "/reload" + query).getAsJsonObject();
        Output output = Views.summary(summary);
        if (!verify) {
            return kiln.print(output);
        }
        for (JsonElement r : summary.getAsJsonArray("results")) {
            Verify.live(api, Views.text(r.getAsJsonObject(), "plugin"), Duration.ofSeconds(10));
        }
        return kiln.print(new Output(summary, output.text() + "\nverified: every reloaded plugin is ACTIVE"));
    }
}
