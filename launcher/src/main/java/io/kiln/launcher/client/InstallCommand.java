package io.kiln.launcher.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.google.gson.JsonObject;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln install FILE|URL [--sha256=HEX]}. */
@Command(name = "install", description = "Installs or updates a plugin jar (uploaded, or downloaded by Kiln from a URL); waits until it is live.")
final class InstallCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Parameters(paramLabel = "FILE|URL", description = "a plugin jar, or an http(s) URL Kiln downloads it from")
    String source;

    @Option(names = "--sha256", paramLabel = "HEX", description = "the jar's expected SHA-256; a mismatch is refused")
    String sha256;

    @Override
    public Integer call() throws ClientException {
        ApiClient api = kiln.api();
        JsonObject answer;
        if (source.startsWith("https://") || source.startsWith("http://")) {
            JsonObject body = new JsonObject();
            body.addProperty("url", source);
            if (sha256 != null) {
                body.addProperty("sha256", sha256);
            }
            answer = api.post("api/v1/plugins", body).getAsJsonObject();
        } else {
            Path file = Path.of(source);
            if (!Files.isRegularFile(file)) {
                throw new ClientException("no such file: " + file);
            }
            answer = api.postFile("api/v1/plugins" + (sha256 == null ? "" : "?sha256=" + Views.encode(sha256)), file).getAsJsonObject();
        }
        String said = "UNCHANGED".equals(Views.text(answer, "outcome"))
                ? " is live already (UNCHANGED: the same build runs, file hot/" + Views.text(answer, "file") + ")"
                : " is live (" + Views.text(answer, "outcome") + ", file hot/" + Views.text(answer, "file") + ")";
        JsonObject result = answer.has("result") && answer.get("result").isJsonObject() ? answer.getAsJsonObject("result") : new JsonObject();
        return kiln.print(new Output(answer, Views.text(answer, "plugin") + " " + Views.text(answer, "version") + said
                + Views.dependents(result)));
    }
}
