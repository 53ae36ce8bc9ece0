package io.kiln.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The probe plugin of the inner loop, written as sources, as a plugin author writes one: a Declarative Services
 * component ({@code Probe.java}) whose {@code @Activate} records {@code <stamp>.active} through a helper class
 * ({@code Records.java}, never rewritten) in the probes' output folder, with the instant in microseconds since the
 * epoch, as the jar probes do. The stamp is a constant in the component's source, so every rewrite is a new build,
 * and the record says which build runs. Each plugin gets a package of its own, so that two of them never share one.
 */
final class DevProbeSource {

    /** The component's source, relative to the plugin's folder: the file a trial rewrites. */
    final String componentFile;
    private final String helperFile;
    private final String javaPackage;
    private final Path out;

    /** @param plugin the plugin's name (its folder's name): makes its package; @param out the probes' output folder */
    DevProbeSource(String plugin, Path out) {
        this.javaPackage = "io.kiln.bench.dev." + plugin.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "") + ".internal";
        String folder = "src/main/java/" + javaPackage.replace('.', '/') + "/";
        this.componentFile = folder + "Probe.java";
        this.helperFile = folder + "Records.java";
        this.out = out.toAbsolutePath();
    }

    /** Writes the whole plugin into {@code folder}: both sources and a {@code bnd.bnd} with its version. */
    void writeAll(Path folder, String stamp) throws IOException {
        write(folder.resolve(componentFile), component(stamp));
        write(folder.resolve(helperFile), helper());
        write(folder.resolve("bnd.bnd"), "Bundle-Version: 1.0.0\n");
    }

    /** The component, recording {@code <stamp>.active} when SCR activates it. */
    String component(String stamp) {
        return """
                package %s;

                import org.osgi.service.component.annotations.Activate;
                import org.osgi.service.component.annotations.Component;

                /** Kiln benchmark: the inner loop's probe, build %s. */
                @Component(immediate = true)
                public class Probe {

                    static final String STAMP = "%s";

                    @Activate
                    void activate() {
                        Records.write(STAMP + ".active");
                    }
                }
                """.formatted(javaPackage, stamp, stamp);
    }

    /** The component with a syntax error (a missing semicolon): a build that cannot compile. */
    String broken(String stamp) {
        return component(stamp).replace("Records.write(STAMP + \".active\");", "Records.write(STAMP + \".active\")");
    }

    private String helper() {
        return """
                package %s;

                import java.io.IOException;
                import java.nio.charset.StandardCharsets;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.nio.file.StandardCopyOption;
                import java.time.Instant;

                /** Writes a record for the benchmark harness: the instant first, then the file, renamed into place. */
                final class Records {

                    private static final Path OUT = Path.of("%s");

                    private Records() {
                    }

                    static void write(String event) {
                        Instant now = Instant.now();
                        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
                        Path partial = OUT.resolve("." + event + ".partial");
                        try {
                            Files.writeString(partial, Long.toString(micros), StandardCharsets.US_ASCII);
                            Files.move(partial, OUT.resolve(event), StandardCopyOption.ATOMIC_MOVE);
                        } catch (IOException e) {
                            System.err.println("kiln bench probe: cannot record " + event + ": " + e);
                        }
                    }
                }
                """.formatted(javaPackage, out.toString().replace("\\", "\\\\").replace("\"", "\\\""));
    }

    /**
     * A Maven project around the sources, for {@code kiln dev}: packaging jar, the DS annotations as its one (provided)
     * dependency, and the plugin versions pinned to ones the Kiln build itself uses, so that an offline Maven has them.
     */
    static String pom(String artifactId) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.kiln.bench</groupId>
                  <artifactId>%s</artifactId>
                  <version>1.0.0-SNAPSHOT</version>
                  <packaging>jar</packaging>
                  <properties>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <maven.compiler.release>17</maven.compiler.release>
                  </properties>
                  <dependencies>
                    <dependency><groupId>org.osgi</groupId><artifactId>org.osgi.service.component.annotations</artifactId><version>1.5.1</version><scope>provided</scope></dependency>
                  </dependencies>
                  <build>
                    <pluginManagement>
                      <plugins>
                        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.7.1</version></plugin>
                      </plugins>
                    </pluginManagement>
                  </build>
                </project>
                """.formatted(artifactId);
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
