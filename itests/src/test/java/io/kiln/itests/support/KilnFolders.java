package io.kiln.itests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;

/**
 * One test class's own Kiln home under {@code target/itest-work/}, laid out as the distribution's: {@code hot/} and
 * {@code conf/} as FileInstall watches them, {@code data/} for what Kiln keeps. Beside them, for the test only:
 * {@code staging/} (same file system, so a move from it into {@code hot/} is an atomic rename) and {@code jars/}, the
 * plugin jars the test built.
 * <p>
 * The driver creates it in its {@code @Configuration} method; the test, inside the framework, finds it again
 * through the framework property {@value #PROPERTY}.
 */
public record KilnFolders(Path home) {

    static final String PROPERTY = "kiln.itest.home";

    /** Creates a fresh Kiln home for one test class, in place of the one an earlier run left. */
    public static KilnFolders create(Class<?> test) throws IOException {
        Path home = Path.of(System.getProperty("kiln.itest.work", "target/itest-work")).toAbsolutePath().resolve(test.getSimpleName());
        if (Files.exists(home)) {
            try (Stream<Path> earlier = Files.walk(home)) {
                for (Path path : earlier.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        KilnFolders folders = new KilnFolders(home);
        // data/tmp as the launcher makes it: FileInstall's watchers race to create it otherwise
        for (Path folder : new Path[] { folders.hot(), folders.conf(), folders.data().resolve("tmp"), folders.staging(), folders.jars() }) {
            Files.createDirectories(folder);
        }
        return folders;
    }

    /** The folders of the running test, as its {@code @Configuration} passed them to the framework. */
    public static KilnFolders of(BundleContext context) {
        String home = context.getProperty(PROPERTY);
        if (home == null) {
            throw new IllegalStateException("no framework property " + PROPERTY + ": was the test configured by KilnTestSupport?");
        }
        return new KilnFolders(Path.of(home));
    }

    public Path hot() {
        return home.resolve("hot");
    }

    public Path conf() {
        return home.resolve("conf");
    }

    public Path data() {
        return home.resolve("data");
    }

    public Path staging() {
        return home.resolve("staging");
    }

    public Path jars() {
        return home.resolve("jars");
    }
}
