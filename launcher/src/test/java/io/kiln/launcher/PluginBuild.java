package io.kiln.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds a generated plugin project the way a user without Kiln in the local repository would: with a
 * {@code settings.xml} that adds the distribution's {@code maven/} folder as a repository. Everything else comes
 * from this build's own local repository, read as a file repository (releases only) into a local repository of the
 * test's own, so that nothing is written into the shared one and no SNAPSHOT of it is picked up; then from Maven
 * Central, for anything missing.
 */
final class PluginBuild {

    /** The Maven running this build. */
    static final Path MVN = Path.of(System.getProperty("kiln.test.mavenHome", "/usr/share/maven"), "bin", "mvn");
    private static final Path LOCAL_REPOSITORY = Path.of(System.getProperty("kiln.test.localRepository",
            System.getProperty("user.home") + "/.m2/repository"));

    final Path settings;
    final Path repository;

    private PluginBuild(Path settings, Path repository) {
        this.settings = settings;
        this.repository = repository;
    }

    /** Writes {@code folder/settings.xml}, naming {@code kilnHome/maven}; the local repository is {@code folder/repository}. */
    static PluginBuild in(Path folder, Path kilnHome) throws IOException {
        Files.createDirectories(folder);
        String releasesFromLocal = "<url>" + LOCAL_REPOSITORY.toUri() + "</url><releases><checksumPolicy>ignore</checksumPolicy></releases>"
                + "<snapshots><enabled>false</enabled></snapshots>";
        String settings = """
                <settings>
                  <profiles>
                    <profile>
                      <id>kiln</id>
                      <repositories>
                        <repository><id>kiln-distribution</id><url>%s</url>
                          <releases><checksumPolicy>ignore</checksumPolicy></releases>
                          <snapshots><updatePolicy>always</updatePolicy><checksumPolicy>ignore</checksumPolicy></snapshots></repository>
                        <repository><id>build-local-repository</id>%s</repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository><id>build-local-repository</id>%s</pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>kiln</activeProfile></activeProfiles>
                </settings>
                """.formatted(kilnHome.resolve("maven").toUri(), releasesFromLocal, releasesFromLocal);
        return new PluginBuild(Files.writeString(folder.resolve("settings.xml"), settings), folder.resolve("repository"));
    }

    /** @return the Maven command line for this build, without goals: {@code mvn -B -s settings -Dmaven.repo.local=...} */
    List<String> mvn() {
        return List.of(MVN.toString(), "-B", "-s", settings.toString(), "-Dmaven.repo.local=" + repository);
    }

    /** Runs Maven in {@code project}; @return how it ended */
    Run maven(Path project, String... goals) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(mvn());
        command.addAll(List.of(goals));
        return run(project, Map.of(), 300, command.toArray(String[]::new));
    }

    /** Runs a command in {@code dir} with these extra environment variables, stdin from nowhere; @return how it ended */
    static Run run(Path dir, Map<String, String> env, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("run", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(output.toFile());
        // what this build's own Maven exported for itself
        builder.environment().keySet().removeIf(name -> name.startsWith("MAVEN_") || name.equals("KILN_HOME") || name.equals("KILN_MVN"));
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        return new Run(ended ? process.exitValue() : -1, printed, String.join(" ", command));
    }

    /** How one command ended: exit code ({@code -1}: it did not end in time) and everything it printed. */
    record Run(int exit, String output, String command) {
        @Override
        public String toString() {
            return command + ": exit " + exit + "\n" + output;
        }
    }
}
