package io.kiln.runtime.internal.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.internal.store.RuntimeFolders;

/**
 * Reports changes in a set of folders as they happen, on a thread that blocks on the operating system's
 * file events (it never polls). Names starting with {@code .} or {@code _} are disabled files and report
 * nothing.
 */
final class FolderEvents implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(FolderEvents.class);

    private final WatchService service;
    private final Runnable onChange;
    private final Thread thread;

    private final Map<WatchKey, Path> treeKeys = new ConcurrentHashMap<>();

    FolderEvents(List<Path> folders, Runnable onChange) throws IOException {
        this(folders, List.of(), onChange);
    }

    /**
     * @param folders watched without their sub-folders
     * @param trees   watched with their sub-folders, present and future (the OS reports one folder at a time)
     */
    FolderEvents(List<Path> folders, List<Path> trees, Runnable onChange) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.onChange = onChange;
        for (Path folder : folders) {
            register(folder);
        }
        for (Path tree : trees) {
            registerTree(tree);
        }
        this.thread = new Thread(this::run, "kiln-folder-events");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private WatchKey register(Path folder) {
        try {
            return folder.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
        } catch (IOException e) {
            // FileInstall's poll still covers this folder, just more slowly
            LOG.warn("Cannot watch {} for changes ({}); changes there wait for the next poll", folder, e.toString());
            return null;
        }
    }

    private void registerTree(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> folders = Files.walk(root)) {
            folders.filter(Files::isDirectory).forEach(folder -> {
                WatchKey key = register(folder);
                if (key != null) {
                    treeKeys.put(key, folder);
                }
            });
        } catch (IOException e) {
            LOG.warn("Cannot watch the folders under {} ({})", root, e.toString());
        }
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                boolean relevant = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    relevant |= event.kind() == OVERFLOW || isEnabledName(event.context());
                    Path tree = treeKeys.get(key);
                    if (tree != null && event.kind() == ENTRY_CREATE && event.context() instanceof Path name) {
                        registerTree(tree.resolve(name));
                    }
                }
                key.reset();
                if (relevant) {
                    onChange.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the component is going away
        }
    }

    static boolean isEnabledName(Object context) {
        String name = context instanceof Path path ? path.getFileName().toString() : String.valueOf(context);
        return RuntimeFolders.isEnabledName(name);
    }

    @Override
    public void close() throws IOException {
        service.close();
        thread.interrupt();
    }
}
