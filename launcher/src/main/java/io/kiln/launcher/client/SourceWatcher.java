package io.kiln.launcher.client;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches what a build reads, with the file system's own notifications ({@link WatchService}): every folder under
 * {@code src/main/java} and {@code src/main/resources} (a new folder is watched as it appears, and the files already
 * in it count as changed), and {@code pom.xml} and {@code bnd.bnd} in the project folder. Editors' temp and backup
 * files ({@code .swp}, {@code ~}, {@code .#*}, {@code 4913}, ...) are not changes. {@link #close()} ends a wait with
 * {@link java.nio.file.ClosedWatchServiceException}.
 */
final class SourceWatcher implements Debounce.Changes, AutoCloseable {

    private final DevProject project;
    private final WatchService watcher;

    SourceWatcher(DevProject project) throws IOException {
        this.project = project;
        this.watcher = FileSystems.getDefault().newWatchService();
        project.dir().register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
        // src/main itself: src/main/resources may be created later
        registerTree(project.sources().getParent(), new ArrayList<>());
    }

    /** @return whether a file of this name is an editor's temp or backup file, never a change */
    static boolean ignored(String name) {
        return name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".swo") || name.endsWith(".swx") || name.startsWith(".#")
                || name.startsWith("#") && name.endsWith("#") || name.equals("4913") || name.contains("___jb_") || name.equals(".DS_Store");
    }

    @Override
    public List<Debounce.Change> take() throws InterruptedException {
        return changes(watcher.take());
    }

    @Override
    public List<Debounce.Change> poll(long nanos) throws InterruptedException {
        WatchKey key = watcher.poll(nanos, TimeUnit.NANOSECONDS);
        return key == null ? null : changes(key);
    }

    private List<Debounce.Change> changes(WatchKey key) {
        Path folder = (Path) key.watchable();
        List<Debounce.Change> changed = new ArrayList<>();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                changed.add(new Debounce.Change(project.sources(), false)); // events were lost: build anyway
                continue;
            }
            Path path = folder.resolve((Path) event.context());
            String name = path.getFileName().toString();
            if (ignored(name)) {
                continue;
            }
            if (folder.equals(project.dir())) {
                if (path.equals(project.pom()) || path.equals(project.bndFile())) {
                    changed.add(new Debounce.Change(path, event.kind() == ENTRY_CREATE));
                }
                continue;
            }
            if (!path.startsWith(project.sources()) && !path.startsWith(project.resources())) {
                if (event.kind() == ENTRY_CREATE && path.equals(project.resources()) && Files.isDirectory(path)) {
                    registerTree(path, changed);
                }
                continue;
            }
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(path)) {
                registerTree(path, changed); // a folder moved in: its files are new
            } else {
                changed.add(new Debounce.Change(path, event.kind() == ENTRY_CREATE));
            }
        }
        key.reset(); // a deleted folder's key is no longer valid: nothing more comes from it
        return changed;
    }

    /** Watches {@code dir} and every folder below it; adds the files found there to {@code found}. */
    private void registerTree(Path dir, List<Debounce.Change> found) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isDirectory(p)) {
                    p.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
                } else if (!p.getParent().equals(project.sources().getParent()) && !ignored(p.getFileName().toString())) {
                    found.add(new Debounce.Change(p, true));
                }
            }
        } catch (IOException e) {
            // gone again before it could be walked: its deletion comes as an event of its own
        }
    }

    @Override
    public void close() throws IOException {
        watcher.close();
    }
}
