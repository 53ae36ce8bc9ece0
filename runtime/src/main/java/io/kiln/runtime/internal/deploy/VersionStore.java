package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.kiln.runtime.api.KeptVersion;
import io.kiln.files.AtomicFiles;
import io.kiln.runtime.internal.store.FileNames;

/**
 * The jars of every plugin's running and previous versions, kept under {@code versions/<plugin>/} so that a
 * failed update can be undone and a plugin rolled back even after its file in {@code hot/} has changed.
 */
final class VersionStore {

    private static final Pattern KEPT = Pattern.compile("(\\d{6})-(.+)-([0-9a-f]{64})\\.jar");

    private final Path folder;
    private volatile int previousToKeep;

    /** One kept jar. */
    record Kept(long sequence, String version, String sha256, Path jar) {

        /** @return how people name it: the sequence and the start of the hash, unique among a plugin's builds */
        String id() {
            return sequence + "-" + sha256.substring(0, 8);
        }

        KeptVersion toApi() {
            return new KeptVersion(id(), version, sha256);
        }
    }

    VersionStore(Path folder, int previousToKeep) {
        this.folder = folder;
        this.previousToKeep = previousToKeep;
    }

    void previousToKeep(int count) {
        this.previousToKeep = count;
    }

    /** Keeps a copy of the jar (once per content) and returns it. */
    Kept keep(StagedJar jar) throws IOException {
        Optional<Kept> existing = bySha(jar.name(), jar.sha256());
        if (existing.isPresent()) {
            return existing.get();
        }
        Path dir = Files.createDirectories(folder.resolve(FileNames.safeName(jar.name())));
        long sequence = kept(jar.name()).stream().mapToLong(Kept::sequence).max().orElse(0) + 1;
        Path target = dir.resolve(String.format("%06d-%s-%s.jar", sequence, jar.version(), jar.sha256()));
        // the build a rollback, or a restart after a crash, comes back to: on the disk before the change commits
        AtomicFiles.write(target, Files.readAllBytes(jar.staged()));
        return new Kept(sequence, jar.version().toString(), jar.sha256(), target);
    }

    Optional<Kept> bySha(String plugin, String sha256) {
        return kept(plugin).stream().filter(k -> k.sha256().equals(sha256)).findFirst();
    }

    /** @return the kept jars of a plugin, newest first */
    List<Kept> kept(String plugin) {
        Path dir = folder.resolve(FileNames.safeName(plugin));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(VersionStore::parse).flatMap(Optional::stream)
                    .sorted(Comparator.comparingLong(Kept::sequence).reversed()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Deletes all but the running version and the newest {@code previousToKeep} others. */
    void prune(String plugin, String runningSha256) throws IOException {
        List<Kept> others = kept(plugin).stream().filter(k -> !k.sha256().equals(runningSha256)).toList();
        for (Kept old : others.subList(Math.min(previousToKeep, others.size()), others.size())) {
            Files.deleteIfExists(old.jar());
        }
    }

    private static Optional<Kept> parse(Path jar) {
        Matcher m = KEPT.matcher(jar.getFileName().toString());
        return m.matches() ? Optional.of(new Kept(Long.parseLong(m.group(1)), m.group(2), m.group(3), jar)) : Optional.empty();
    }
}
