package io.kiln.runtime.internal.deploy;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.Trigger;
import io.kiln.runtime.internal.store.RuntimeFolders;
import io.kiln.runtime.internal.watch.WatchSettings;

/**
 * Watches the folders in {@code hot/}, each a plugin written as sources, and tells the engine when one appears,
 * changes (a file anywhere in it, once the folder has been quiet briefly) or goes. FileInstall takes only files;
 * folders are Kiln's. Names starting with {@code .} or {@code _} are set aside and never built. The file events come
 * from the operating system; nothing polls. Each folder's sources are built once at start, which finds what changed
 * while Kiln was stopped (the same sources make the same bundle, so an unchanged folder changes nothing).
 */
@Component(immediate = true)
public final class SourceFolderWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(SourceFolderWatcher.class);

    private final PluginEngine engine;
    private final Path hot;
    private final long quietMillis;
    private final WatchService service;
    private final ScheduledExecutorService scheduler;
    private final Thread thread;
    /** Each watched folder, by its key: {@code hot/} itself, or a folder somewhere in a source folder. */
    private final Map<WatchKey, Path> watched = new ConcurrentHashMap<>();
    private final Map<Path, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    /** The source folders seen: a name that goes from {@code hot/} was one of these, or a jar (FileInstall's part). */
    private final Set<Path> sourceFolders = ConcurrentHashMap.newKeySet();

    @Activate
    public SourceFolderWatcher(@Reference PluginEngine engine, BundleContext context) throws IOException {
        this.engine = engine;
        this.hot = engine.hotFolder().toAbsolutePath().normalize();
        this.quietMillis = WatchSettings.from(context::getProperty).quietMillis();
        this.service = FileSystems.getDefault().newWatchService();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "kiln-source-folders");
            t.setDaemon(true);
            return t;
        });
        if (Files.isDirectory(hot)) {
            watched.put(hot.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), hot);
            scanAll(true);
        }
        this.thread = new Thread(this::run, "kiln-source-folder-events");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        service.close();
        thread.join(1000);
        scheduler.shutdownNow();
    }

    /** @param atStart whether Kiln is starting: each folder is then built once, refused before or not */
    private void scanAll(boolean atStart) throws IOException {
        try (Stream<Path> entries = Files.list(hot)) {
            entries.filter(Files::isDirectory).filter(f -> RuntimeFolders.isEnabledName(f.getFileName().toString())).forEach(folder -> {
                sourceFolders.add(folder);
                watchTree(folder);
                if (atStart) {
                    engine.sourceFolderAtStart(folder);
                } else {
                    changed(folder);
                }
            });
        }
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                Path folder = watched.get(key);
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == OVERFLOW) {
                        scanAll(false);
                    } else if (folder != null && event.context() instanceof Path name) {
                        handle(folder, event.kind(), folder.resolve(name));
                    }
                }
                if (!key.reset()) {
                    watched.remove(key);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // stopping
        } catch (IOException | RuntimeException e) {
            LOG.error("Watching the source folders in {} stopped: {}", hot, e.toString(), e);
        }
    }

    private void handle(Path folder, WatchEvent.Kind<?> kind, Path path) {
        if (!RuntimeFolders.isEnabledName(path.getFileName().toString())) {
            return;
        }
        boolean top = folder.equals(hot);
        if (kind == ENTRY_CREATE && Files.isDirectory(path)) {
            watchTree(path);
        }
        if (top) {
            if (kind == ENTRY_DELETE && sourceFolders.remove(path)) {
                cancel(path);
                engine.sourceFolderRemoved(path, Trigger.FILE);
            } else if (Files.isDirectory(path)) {
                sourceFolders.add(path);
                changed(path);
            }
            return;
        }
        changed(hot.resolve(hot.relativize(path).getName(0)));
    }

    private void watchTree(Path root) {
        try (Stream<Path> folders = Files.walk(root)) {
            folders.filter(Files::isDirectory).forEach(f -> {
                try {
                    watched.put(f.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), f);
                } catch (IOException e) {
                    LOG.warn("Cannot watch {} for changes ({}): a change there is seen at Kiln's next start", f, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.debug("{} went while being watched: {}", root, e.toString());
        }
    }

    /** Builds the folder once it has been quiet for a moment: a save of several files is one build. */
    private void changed(Path sourceFolder) {
        pending.compute(sourceFolder, (folder, before) -> {
            if (before != null) {
                before.cancel(false);
            }
            return scheduler.schedule(() -> {
                pending.remove(folder);
                engine.sourceFolderChanged(folder, Trigger.FILE);
            }, quietMillis, TimeUnit.MILLISECONDS);
        });
    }

    private void cancel(Path sourceFolder) {
        ScheduledFuture<?> before = pending.remove(sourceFolder);
        if (before != null) {
            before.cancel(false);
        }
    }
}
