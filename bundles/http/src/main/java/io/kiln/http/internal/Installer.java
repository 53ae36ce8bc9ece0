package io.kiln.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.PluginInfo;
import io.kiln.runtime.api.PluginService;

/**
 * Installs and removes plugins the way a person would with files: a jar is staged in {@code hot/} under a name the
 * watcher ignores, then moved to its plugin's file in one atomic step, so it goes through the same transaction as a
 * dropped file; the answer waits for that transaction's verdict.
 */
final class Installer {

    private static final Set<String> INSTALL_ACTIONS = Set.of("install", "update");

    private final PluginService plugins;
    private final EventHub hub;
    private final ApiSettings settings;

    Installer(PluginService plugins, EventHub hub, ApiSettings settings) {
        this.plugins = plugins;
        this.hub = hub;
        this.settings = settings;
    }

    /** A stage for the jar's bytes: written by {@code writer}, then installed. */
    Answer install(JarWriter writer, String sha256) throws IOException {
        Path hot = settings.hot();
        Path staged = Files.createTempFile(hot, ".kiln-upload-", ".jar");
        try {
            writer.write(staged);
            StagedJar jar = StagedJar.of(staged, sha256);
            Optional<PluginInfo> before = plugins.plugin(jar.name());
            String fileName = before.map(PluginInfo::file).filter(f -> !f.isEmpty()).orElse(jar.name() + ".jar");
            Path target = hot.resolve(fileName);
            if (Files.exists(target) && Files.mismatch(target, staged) == -1) {
                return answer(200, jar, fileName, null, "the same jar is already installed", before);
            }
            HistoryEntry verdict = Verdicts.await(hub, jar.name(), fileName, INSTALL_ACTIONS, settings.verdictTimeout(),
                    () -> Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING));
            if (verdict == null) {
                return answer(202, jar, fileName, null, "the runtime gave no verdict within " + settings.verdictTimeout().toSeconds() + " s", before);
            }
            boolean live = verdict.outcome().succeeded();
            int status = !live ? 422 : before.isEmpty() ? 201 : 200;
            return answer(status, jar, fileName, verdict, live ? "" : verdict.error(), before);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** Removes a plugin's file and waits for its uninstall. */
    Answer remove(String name) throws IOException {
        PluginInfo plugin = plugins.plugin(name).orElseThrow(() -> ApiException.notFound("no plugin named '" + name + "'"));
        if (plugin.file().isEmpty()) {
            throw new ApiException(409, "no file", "the plugin '" + name + "' has no file in hot/ to remove");
        }
        Path file = settings.hot().resolve(plugin.file());
        HistoryEntry verdict = Verdicts.await(hub, name, plugin.file(), Set.of("uninstall"), settings.verdictTimeout(), () -> Files.delete(file));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plugin", name);
        body.put("file", plugin.file());
        body.put("removed", verdict != null && verdict.outcome().succeeded());
        body.put("result", verdict == null ? null : Json.history(verdict));
        return new Answer(verdict == null ? 202 : verdict.outcome().succeeded() ? 200 : 422, body);
    }

    private Answer answer(int status, StagedJar jar, String fileName, HistoryEntry verdict, String detail, Optional<PluginInfo> before) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plugin", jar.name());
        body.put("version", jar.version());
        body.put("file", fileName);
        body.put("live", status == 200 || status == 201);
        body.put("outcome", verdict == null ? (status == 200 ? "UNCHANGED" : "PENDING") : verdict.outcome().name());
        body.put("detail", detail);
        body.put("result", verdict == null ? null : Json.history(verdict));
        body.put("previousVersion", before.map(PluginInfo::version).orElse(null));
        if (status == 422) {
            body.put("error", "install failed");
        }
        return new Answer(status, body);
    }

    /** Writes the jar's bytes into the staged file. */
    interface JarWriter {
        void write(Path staged) throws IOException;
    }

    /** What to answer. */
    record Answer(int status, Map<String, Object> body) {
    }

    static JarWriter from(InputStream in, long limit) {
        return staged -> {
            try (OutputStream out = Files.newOutputStream(staged)) {
                Exchange.copy(in, out, limit);
            }
        };
    }
}
