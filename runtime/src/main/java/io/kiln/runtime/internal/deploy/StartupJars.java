package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.internal.store.RuntimeFolders;

/**
 * The new jars waiting in {@code hot/} as Kiln starts. FileInstall hands them over one by one in its first scan, on a
 * thread of its own; if the queue opened on the first of them, the others would be split off the batch
 * ({@link BatchInstall}), and those that import from a plugin not yet handed over would fail to resolve and go
 * again one by one. The start-up holds the queue until each of them has arrived, so that all go in one batch.
 * <p>
 * Bounded: a jar FileInstall does not hand over at once (one it takes for something else) must not keep the plugins
 * down; it is then taken as it comes, as any later file is.
 */
final class StartupJars {

    /** FileInstall hands over a folder of jars within milliseconds; a second is ample on a loaded machine. */
    static final long WAIT_MILLIS = 1_000;
    /** The framework property with the pattern FileInstall takes names by. */
    static final String FILTER = "felix.fileinstall.filter";
    private static final Logger LOG = LoggerFactory.getLogger(StartupJars.class);

    private final long waitMillis;
    private final Set<String> arrived = new HashSet<>();
    private boolean started;

    /** @param waitMillis how long the start waits at most for the jars ({@link #WAIT_MILLIS} in the engine) */
    StartupJars(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    /** FileInstall handed over a jar of {@code hot/}. */
    synchronized void arrived(Path file) {
        if (!started) {
            arrived.add(file.getFileName().toString());
            notifyAll();
        }
    }

    /**
     * Waits until every jar of the folder that no plugin came from has arrived, at most the time given when made.
     *
     * @param filter FileInstall's {@code felix.fileinstall.filter}, which it matches whole names against, if set
     * @param known  whether a file name is a plugin's own (FileInstall need not hand it over again)
     * @return the names of the jars that did not arrive in time, none if all did
     * @throws InterruptedException if the engine stops meanwhile
     */
    Set<String> awaitNew(Path hot, Optional<String> filter, Predicate<String> known) throws InterruptedException {
        Set<String> expected = newJars(hot, filter.map(StartupJars::pattern).orElse(name -> true), known);
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        synchronized (this) {
            try {
                while (!arrived.containsAll(expected)) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        Set<String> missing = new TreeSet<>(expected);
                        missing.removeAll(arrived);
                        LOG.info("{} of hot/ not handed over by FileInstall within {} ms; the plugins found at start go without them",
                                missing, waitMillis);
                        return missing;
                    }
                    wait(left);
                }
                return Set.of();
            } finally {
                started = true; // from now on each file goes as it comes
                arrived.clear();
            }
        }
    }

    private static Predicate<String> pattern(String filter) {
        try {
            return Pattern.compile(filter).asMatchPredicate();
        } catch (PatternSyntaxException e) {
            return name -> false; // FileInstall cannot watch with it either: nothing to wait for
        }
    }

    private static Set<String> newJars(Path hot, Predicate<String> filter, Predicate<String> known) {
        try (Stream<Path> files = Files.list(hot)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".jar") && RuntimeFolders.isEnabledName(name) && filter.test(name))
                    .filter(known.negate()).collect(Collectors.toSet());
        } catch (IOException | UncheckedIOException e) {
            return Set.of(); // the folder is unreadable: FileInstall will not find jars in it either
        }
    }
}
