package io.kiln.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Apache Karaf as unpacked from its {@code tar.gz}, run as {@code bin/karaf server}. Each copy is changed
 * before its first start so that it listens on loopback only and never reaches a remote Maven repository;
 * everything else is Karaf's default (its features, its JVM options, FileInstall polling every 1000 ms).
 */
final class KarafProduct implements Product {

    private static final Pattern KEY = Pattern.compile("[^#!\\s=:]+");

    private final Path pristine;
    private final String version;

    KarafProduct(Path pristine) {
        this.pristine = pristine;
        String folder = pristine.getFileName().toString();
        this.version = folder.startsWith("apache-karaf-") ? folder.substring("apache-karaf-".length()) : folder;
    }

    @Override
    public String name() {
        return "Karaf " + version;
    }

    @Override
    public Path pristine() {
        return pristine;
    }

    @Override
    public void prepare(Path home) throws IOException {
        Path etc = home.resolve("etc");
        // SSH listens on 0.0.0.0 by default; JMX's RMI ports already name 127.0.0.1, set here all the same
        set(etc.resolve("org.apache.karaf.shell.cfg"), "sshHost", "127.0.0.1");
        set(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryHost", "127.0.0.1");
        set(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerHost", "127.0.0.1");
        // every boot feature is in system/: no remote repository, so nothing can go out
        set(etc.resolve("org.ops4j.pax.url.mvn.cfg"), "org.ops4j.pax.url.mvn.repositories", "");
        set(etc.resolve("org.ops4j.pax.url.mvn.cfg"), "org.ops4j.pax.url.mvn.offline", "true");
        // the shutdown port listens on localhost; its file lets 'bin/stop' find it
        set(etc.resolve("config.properties"), "karaf.shutdown.host", "127.0.0.1");
    }

    /** Sets {@code name = value}, removing the entries for {@code name} there were (with their continuation lines). */
    private static void set(Path file, String name, String value) throws IOException {
        List<String> kept = new ArrayList<>();
        boolean skipping = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.stripLeading();
            boolean entry = !skipping && keyOf(trimmed).equals(name);
            if (!(skipping || entry)) {
                kept.add(line);
            }
            skipping = (skipping || entry) && continues(line);
        }
        kept.add("# set by the Kiln benchmark");
        kept.add(name + " = " + value);
        Files.write(file, kept, StandardCharsets.UTF_8);
    }

    private static String keyOf(String trimmed) {
        Matcher matcher = KEY.matcher(trimmed);
        return matcher.lookingAt() ? matcher.group() : "";
    }

    /** A line ending in an odd number of backslashes continues on the next. */
    private static boolean continues(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    @Override
    public Path hotFolder(Path home) {
        return home.resolve("deploy");
    }

    @Override
    public Path configFolder(Path home) {
        return home.resolve("etc");
    }

    @Override
    public ProcessBuilder command(Path home) {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server");
        builder.directory(home.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }

    @Override
    public Optional<Pattern> readyLine() {
        return Optional.empty();
    }

    @Override
    public Duration minPause() {
        return Duration.ofMillis(1200);
    }

    @Override
    public Duration maxPause() {
        // one more FileInstall poll period, so each trial starts at a random point of Karaf's poll cycle
        return Duration.ofMillis(2200);
    }

    @Override
    public Duration eventTimeout() {
        return Duration.ofSeconds(30);
    }
}
