package io.kiln.http.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.PluginInfo;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.Trigger;

/**
 * Installs and removes plugins through the engine: an uploaded or downloaded jar is written to a folder the watcher
 * ignores and handed, with the hash it must have, to {@link PluginService#install}, which checks it, runs the same
 * transaction as a dropped file and, once it has committed, writes the jar into {@code hot/}. The answer is the
 * transaction's verdict.
 */
final class Installer {

    private static final java.util.regex.Pattern FILE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_. +-]{0,199}");

    private final PluginService plugins;
    private final ApiSettings settings;

    Installer(PluginService plugins, ApiSettings settings) {
        this.plugins = plugins;
        this.settings = settings;
    }

    /** A stage for the jar's bytes: written by {@code writer}, then installed. */
    /**
     * @param fileName the upload's own file name, so that what Kiln says of it names the user's file; {@code null} or
     *                 unfit for a file name (a path, a control character) makes it {@code upload.jar}
     */
    Answer install(JarWriter writer, String sha256, Trigger trigger, String fileName) throws IOException {
        // in hot/, in a folder the watcher ignores: the same file system as the plugins, so nothing is copied twice
        Path folder = Files.createTempDirectory(settings.hot(), ".kiln-upload-");
        Path staged = folder.resolve(fileName != null && FILE_NAME.matcher(fileName).matches() && !fileName.contains("..")
                ? fileName : "upload.jar");
        try {
            writer.write(staged);
            ChangeResult result = plugins.install(staged, sha256 == null ? "" : sha256, trigger);
            int status = result.outcome() == Outcome.UNCHANGED ? 200
                    : !result.succeeded() ? 422 : result.action() == Action.INSTALL ? 201 : 200;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("plugin", result.plugin());
            body.put("version", result.toVersion());
            body.put("file", plugins.plugin(result.plugin()).map(PluginInfo::file).orElse(""));
            body.put("live", result.succeeded());
            body.put("outcome", result.outcome().name());
            body.put("detail", result.outcome() == Outcome.UNCHANGED ? "the same jar is already installed" : result.error());
            body.put("result", Json.result(result));
            body.put("previousVersion", result.fromVersion().isEmpty() ? null : result.fromVersion());
            if (status == 422) {
                body.put("error", "install failed");
            }
            return new Answer(status, body);
        } finally {
            Files.deleteIfExists(staged);
            Files.deleteIfExists(folder);
        }
    }

    /** Uninstalls a plugin and deletes its file; its dependents are left without it, and the answer names them. */
    Answer remove(String name, Trigger trigger) {
        PluginInfo plugin = plugins.plugin(name).orElseThrow(() -> ApiException.notFound("no plugin named '" + name + "'"));
        ChangeResult result = plugins.uninstall(name, trigger);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plugin", name);
        body.put("file", plugin.file());
        body.put("removed", result.succeeded());
        body.put("result", Json.result(result));
        if (!result.succeeded()) {
            body.put("error", "remove failed");
            body.put("detail", result.error());
        }
        return new Answer(result.succeeded() ? 200 : 422, body);
    }

    /** Writes the jar's bytes into the staged file. */
    interface JarWriter {
        void write(Path staged) throws IOException;
    }

    /** What to answer. */
    record Answer(int status, Map<String, Object> body) {
    }
}
