package io.kiln.runtime.internal.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    FolderEvents(List<Path> folders, Runnable onChange) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.onChange = onChange;
        for (Path folder : folders) {
            try {
                folder.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
            } catch (IOException e) {
                // FileInstall's poll still covers this folder, just more slowly
                LOG.warn("Cannot watch {} for changes ({}); changes there wait for the next poll", folder, e.toString());
            }
        }
        this.thread = new Thread(this::run, "kiln-folder-events");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = service.take();
                boolean relevant = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    relevant |= event.kind() == OVERFLOW || isEnabledName(event.context());
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
        return !name.startsWith(".") && !name.startsWith("_");
    }

    @Override
    public void close() throws IOException {
        service.close();
        thread.interrupt();
    }
}
