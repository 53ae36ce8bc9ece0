package io.kiln.launcher.client;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;

/**
 * The loop of {@code kiln watch}: once a watched folder has been quiet for the cooldown after a change, each changed
 * jar in it that {@link JarChanges} says to send is installed (an update of the plugin it names). With
 * {@code --verify} the plugin must then be live; if it is not it is rolled back.
 */
final class Watch {

    private final ApiClient api;
    private final List<Path> dirs;
    private final Duration cooldown;
    private final boolean verify;
    private final String plugin;
    private final PrintStream out;
    private final JarChanges changes = new JarChanges();

    Watch(ApiClient api, List<Path> dirs, long cooldownMillis, boolean verify, String plugin, PrintStream out) {
        this.api = api;
        this.dirs = dirs;
        this.cooldown = Duration.ofMillis(cooldownMillis);
        this.verify = verify;
        this.plugin = plugin;
        this.out = out;
    }

    Output run() throws ClientException {
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            for (Path dir : dirs) {
                dir.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
                // a clean build deletes the folder itself: its parent says when it is back
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null && !dirs.contains(parent)) {
                    parent.register(watcher, ENTRY_CREATE);
                }
                List<Path> jars = JarFolder.jars(dir);
                jars.forEach(changes::baseline);
                out.println("watching " + dir + " for plugin jars (" + (jars.isEmpty() ? "none there yet" : "now " + JarFolder.names(jars)) + ")");
            }
            out.println("cooldown " + cooldown.toMillis() + " ms" + (verify ? ", verify" : "") + "; a jar is installed when its content changes; Ctrl-C stops");
            out.flush();
            for (;;) {
                Set<Path> changed = new LinkedHashSet<>();
                collect(watcher, watcher.take(), changed);
                // quiet period: keep collecting until nothing changes for the cooldown
                for (WatchKey next; (next = watcher.poll(cooldown.toMillis(), TimeUnit.MILLISECONDS)) != null;) {
                    collect(watcher, next, changed);
                }
                for (Path jar : changed) {
                    act(jar);
                }
                out.flush();
            }
        } catch (IOException e) {
            throw new ClientException("cannot watch: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Output(new JsonObject(), "stopped watching");
        }
    }

    private void collect(WatchService watcher, WatchKey key, Set<Path> changed) throws IOException {
        Path folder = (Path) key.watchable();
        boolean watched = dirs.stream().anyMatch(d -> d.toAbsolutePath().equals(folder.toAbsolutePath()));
        for (WatchEvent<?> event : key.pollEvents()) {
            if (!(event.context() instanceof Path name)) {
                continue;
            }
            Path path = folder.resolve(name);
            if (!watched) {
                // the parent: one of the watched folders is back after a clean build; its jars are all new
                Optional<Path> back = dirs.stream().filter(d -> d.toAbsolutePath().equals(path.toAbsolutePath())).findFirst();
                if (back.isPresent() && Files.isDirectory(path)) {
                    path.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
                    out.println("watching " + back.get() + " again");
                    changed.addAll(JarFolder.jars(path));
                }
                continue;
            }
            if (JarFolder.isPluginJar(name.toString())) {
                changed.add(path);
            }
        }
        if (!key.reset() && watched) {
            out.println(folder + " is gone (a clean build?); waiting for it to come back");
        }
    }

    private void act(Path jar) {
        JarChanges.Change change = changes.consider(jar);
        switch (change.verdict()) {
            case GONE -> { } // deleted, as a build does before it writes the new one
            case INCOMPLETE -> out.println("waiting for " + jar + ": not a complete plugin jar yet");
            case UNCHANGED -> out.println("unchanged " + jar + ": same content as before, not sent");
            case SEND -> {
                if (plugin != null && !plugin.equals(change.plugin())) {
                    out.println("skipped " + jar + ": it is " + change.plugin() + ", not " + plugin);
                    return;
                }
                changes.sent(change);
                install(change);
            }
        }
    }

    private void install(JarChanges.Change change) {
        try {
            JsonObject answer = api.postBytes("api/v1/plugins", change.jar(), change.bytes()).getAsJsonObject();
            String name = Views.text(answer, "plugin");
            out.println("installed " + name + " " + Views.text(answer, "version") + " from " + change.jar() + ": " + Views.text(answer, "outcome"));
            if (verify) {
                verify(name);
            }
        } catch (ClientException e) {
            out.println("FAILED " + change.jar() + ": " + e.getMessage());
        }
    }

    private void verify(String name) throws ClientException {
        try {
            Verify.live(api, name, Duration.ofSeconds(10));
            out.println("verified " + name + " is live");
        } catch (ClientException notLive) {
            out.println("NOT LIVE " + name + ": " + notLive.getMessage() + "; rolling back");
            JsonObject r = api.post("api/v1/plugins/" + Views.encode(name) + "/rollback").getAsJsonObject();
            out.println("rolled back " + name + ": " + Views.text(r, "outcome"));
        }
    }
}
