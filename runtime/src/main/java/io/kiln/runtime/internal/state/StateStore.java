package io.kiln.runtime.internal.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.files.AtomicFiles;
import io.kiln.runtime.internal.store.FileNames;

/**
 * Every plugin's saved state, one file per plugin under {@code state/}, written atomically so that a crash
 * leaves the previous state or the new one, never half of either.
 */
public final class StateStore {

    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    private final Path folder;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public StateStore(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
    }

    /** @return the plugin's state; empty if it saved none or its file cannot be read (which is logged) */
    public Map<String, Object> load(String plugin) {
        return snapshot(plugin).map(PlainData::decodeQuietly).orElse(Map.of());
    }

    /**
     * Replaces the plugin's state.
     *
     * @throws IllegalArgumentException if a value is not plain data (nothing is written)
     * @throws IllegalStateException    if it cannot be written (the previous state is kept)
     */
    public void save(String plugin, Map<String, ?> state) {
        byte[] bytes = PlainData.encode(state);
        synchronized (lock(plugin)) {
            try {
                AtomicFiles.write(file(plugin), bytes);
            } catch (IOException e) {
                throw new IllegalStateException("cannot save the state of " + plugin + " to " + file(plugin) + ": " + e, e);
            }
        }
    }

    /** @return the plugin's state as stored, to put back with {@link #restore} if a change fails */
    public Optional<byte[]> snapshot(String plugin) {
        synchronized (lock(plugin)) {
            Path file = file(plugin);
            try {
                return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
            } catch (IOException e) {
                LOG.warn("Cannot read the state of {} from {}: {}", plugin, file, e.toString());
                return Optional.empty();
            }
        }
    }

    /** Puts back a state taken by {@link #snapshot}; an empty snapshot means the plugin had none. */
    public void restore(String plugin, Optional<byte[]> snapshot) throws IOException {
        synchronized (lock(plugin)) {
            if (snapshot.isPresent()) {
                AtomicFiles.write(file(plugin), snapshot.get());
            } else {
                AtomicFiles.delete(file(plugin));
            }
        }
    }

    private Object lock(String plugin) {
        return locks.computeIfAbsent(plugin, p -> new Object());
    }

    private Path file(String plugin) {
        return folder.resolve(FileNames.safeName(plugin) + ".state");
    }
}
