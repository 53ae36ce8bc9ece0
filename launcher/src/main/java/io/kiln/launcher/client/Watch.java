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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.kiln.launcher.client.Client.Output;

/**
 * {@code watch DIR... [--verify] [--cooldown=MS] [--plugin=NAME]}: when a folder changes and has then been quiet for
 * the cooldown, a changed plugin jar in it is installed (an update), and any other change reloads the folder's plugin
 * (named with {@code --plugin}, else the plugin whose name is the folder's name or ends with {@code -<folder name>}).
 * With {@code --verify} each plugin must be live afterwards; a reload that leaves it not live is rolled back.
 */
final class Watch {

    private final ApiClient api;
    private final ClientOptions options;
    private final PrintStream out;
    private final Map<WatchKey, Path> roots = new HashMap<>();

    Watch(ApiClient api, ClientOptions options, PrintStream out) {
        this.api = api;
        this.options = options;
        this.out = out;
    }

    Output run() throws ClientException {
        options.allowFlags("--verify", "--cooldown", "--plugin");
        List<Path> dirs = options.words().subList(1, options.words().size()).stream().map(Path::of).toList();
        if (dirs.isEmpty()) {
            throw ClientOptions.usage("watch needs at least one folder");
        }
        Duration cooldown = Duration.ofMillis(cooldown());
        api.get("api/v1/status"); // fail now, not at the first change, if Kiln cannot be reached
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            for (Path dir : dirs) {
                if (!Files.isDirectory(dir)) {
                    throw new ClientException("not a folder: " + dir);
                }
                register(watcher, dir.toAbsolutePath().normalize(), dir.toAbsolutePath().normalize());
            }
            out.println("watching " + dirs + " (cooldown " + cooldown.toMillis() + " ms" + (options.flag("--verify") ? ", verify" : "") + "); Ctrl-C stops");
            out.flush();
            for (;;) {
                WatchKey key = watcher.take();
                Map<Path, Set<Path>> changed = new HashMap<>();
                collect(watcher, key, changed);
                // quiet period: keep collecting until nothing changes for the cooldown
                for (WatchKey next; (next = watcher.poll(cooldown.toMillis(), TimeUnit.MILLISECONDS)) != null;) {
                    collect(watcher, next, changed);
                }
                for (Map.Entry<Path, Set<Path>> entry : changed.entrySet()) {
                    act(entry.getKey(), entry.getValue());
                }
                out.flush();
            }
        } catch (IOException e) {
            throw new ClientException("cannot watch: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Client.Output(new JsonObject(), "stopped watching");
        }
    }

    private long cooldown() throws ClientException {
        String value = options.value("--cooldown");
        try {
            return value == null ? 300 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ClientOptions.usage("--cooldown takes milliseconds, not '" + value + "'");
        }
    }

    private void register(WatchService watcher, Path root, Path dir) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path folder : (Iterable<Path>) tree.filter(Files::isDirectory)::iterator) {
                String name = folder.getFileName() == null ? "" : folder.getFileName().toString();
                if (!folder.equals(root) && (name.startsWith(".") || name.equals("target"))) {
                    continue; // build output and hidden folders change on every build
                }
                roots.put(folder.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), root);
            }
        }
    }

    private void collect(WatchService watcher, WatchKey key, Map<Path, Set<Path>> changed) throws IOException {
        Path root = roots.get(key);
        Path folder = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.context() instanceof Path name && root != null) {
                Path file = folder.resolve(name);
                if (event.kind() == ENTRY_CREATE && Files.isDirectory(file)) {
                    register(watcher, root, file);
                }
                String fileName = name.toString();
                if (!fileName.startsWith(".") && !fileName.startsWith("_") && !fileName.endsWith("~")) {
                    changed.computeIfAbsent(root, r -> new LinkedHashSet<>()).add(file);
                }
            }
        }
        key.reset();
    }

    private void act(Path root, Set<Path> files) {
        List<Path> jars = new ArrayList<>(files.stream().filter(f -> f.toString().endsWith(".jar") && Files.isRegularFile(f)).toList());
        try {
            if (!jars.isEmpty()) {
                for (Path jar : jars) {
                    install(jar);
                }
            } else {
                reload(plugin(root));
            }
        } catch (ClientException e) {
            out.println("FAILED " + root + ": " + e.getMessage());
        }
    }

    private void install(Path jar) throws ClientException {
        JsonObject answer = api.postFile("api/v1/plugins", jar).getAsJsonObject();
        out.println("installed " + Commands.text(answer, "plugin") + " " + Commands.text(answer, "version") + " from " + jar + ": "
                + Commands.text(answer, "outcome"));
    }

    private void reload(String name) throws ClientException {
        JsonObject summary = api.post("api/v1/plugins/" + Commands.encode(name) + "/reload").getAsJsonObject();
        out.println("reloaded " + name + ": " + summary.get("succeeded").getAsLong() + " reloaded, " + summary.get("failed").getAsLong() + " failed");
        if (options.flag("--verify")) {
            try {
                Verify.live(api, name, Duration.ofSeconds(10));
                out.println("verified " + name + " is live");
            } catch (ClientException notLive) {
                out.println("NOT LIVE " + name + ": " + notLive.getMessage() + "; rolling back");
                JsonObject r = api.post("api/v1/plugins/" + Commands.encode(name) + "/rollback").getAsJsonObject();
                out.println("rolled back " + name + ": " + Commands.text(r, "outcome"));
            }
        }
    }

    private String plugin(Path root) throws ClientException {
        String named = options.value("--plugin");
        if (named != null) {
            return named;
        }
        String folder = root.getFileName().toString();
        String artifact = artifactId(root);
        for (JsonElement e : api.get("api/v1/plugins").getAsJsonArray()) {
            String name = Commands.text(e.getAsJsonObject(), "name");
            if (name.equals(folder) || name.endsWith("-" + folder) || name.equals(artifact)) {
                return name;
            }
        }
        throw new ClientException("no plugin matches the folder " + root + " (name it with --plugin=NAME)");
    }

    /** The folder's Maven artifactId, or the Bundle-SymbolicName of a jar in its target/, if any. */
    private static String artifactId(Path root) {
        Path pom = root.resolve("pom.xml");
        try {
            if (Files.isRegularFile(pom)) {
                String text = Files.readString(pom).replaceAll("(?s)<parent>.*?</parent>", "");
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(text);
                if (m.find()) {
                    return m.group(1).strip();
                }
            }
            Path target = root.resolve("target");
            if (Files.isDirectory(target)) {
                try (Stream<Path> jars = Files.list(target)) {
                    for (Path jar : (Iterable<Path>) jars.filter(p -> p.toString().endsWith(".jar"))::iterator) {
                        try (JarFile file = new JarFile(jar.toFile())) {
                            String bsn = file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
                            if (bsn != null) {
                                return bsn.split(";")[0].strip();
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
