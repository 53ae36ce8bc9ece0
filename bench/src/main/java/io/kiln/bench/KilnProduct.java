package io.kiln.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** Kiln's distribution ({@code launcher/target/kiln}), run as {@code bin/kiln --headless}. */
final class KilnProduct implements Product {

    private static final String HTTP_ANY_PORT = "-Dorg.osgi.service.http.port=0";
    private static final Pattern READY = Pattern.compile("Kiln ready in (\\d+) ms");

    private final Path pristine;
    private final String javaOptions;
    private final String kilnJvm;

    /** @param javaOptions extra JVM options passed through {@code KILN_JAVA_OPTS}, empty for none */
    KilnProduct(Path pristine, String javaOptions) {
        this(pristine, javaOptions, null);
    }

    /** @param kilnJvm bin/kiln's {@code KILN_JVM} (server or dev), or {@code null} to let bin/kiln choose */
    private KilnProduct(Path pristine, String javaOptions, String kilnJvm) {
        this.pristine = pristine;
        this.javaOptions = javaOptions;
        this.kilnJvm = kilnJvm;
    }

    /**
     * The same distribution run with bin/kiln's {@code kilnJvm} set and {@code moreOptions} after this product's own
     * (for {@code --flags}); {@code KILN_HEAP} is then left out, so that the sets' own heaps are measured.
     */
    KilnProduct with(String kilnJvm, String moreOptions) {
        return new KilnProduct(pristine, (javaOptions + " " + moreOptions).trim(), kilnJvm);
    }

    /**
     * Copies the built distribution to {@code target}, without any framework cache or scratch files a run in
     * place may have left, so that a copy of the snapshot starts cold.
     *
     * @return {@code target}
     */
    static Path snapshot(Path distribution, Path target) throws IOException {
        FileTrees.delete(target);
        FileTrees.copy(distribution, target);
        FileTrees.delete(target.resolve("data/cache"));
        FileTrees.delete(target.resolve("data/tmp"));
        Files.deleteIfExists(target.resolve("data/cache.home"));
        return target;
    }

    @Override
    public String name() {
        return "Kiln";
    }

    @Override
    public Path pristine() {
        return pristine;
    }

    @Override
    public void prepare(Path home) {
        // the distribution as built: nothing to adjust
    }

    @Override
    public Path hotFolder(Path home) {
        return home.resolve("hot");
    }

    @Override
    public Path configFolder(Path home) {
        return home.resolve("conf");
    }

    @Override
    public ProcessBuilder command(Path home) {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kiln").toString(), "--headless");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // a free loopback port for the admin API, so that a Kiln already running on this machine (holding 8181)
        // cannot make the measured one fail to bind; the options given to the harness come after and win
        builder.environment().put("KILN_JAVA_OPTS", (HTTP_ANY_PORT + " " + javaOptions).trim());
        if (kilnJvm != null) {
            builder.environment().put("KILN_JVM", kilnJvm);
            builder.environment().remove("KILN_HEAP");
        }
        return builder;
    }

    @Override
    public Optional<Pattern> readyLine() {
        return Optional.of(READY);
    }

    @Override
    public Duration minPause() {
        // the watcher wakes FileInstall for about 200 ms after a change; start after that
        return Duration.ofMillis(300);
    }

    @Override
    public Duration maxPause() {
        return Duration.ofMillis(800);
    }

    @Override
    public Duration eventTimeout() {
        return Duration.ofSeconds(10);
    }
}
