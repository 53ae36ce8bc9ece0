package io.kiln.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * The real {@code bin/kiln dev} on a small plugin project (src/test/resources/dev-project: a health check whose
 * message is what the plugin says, so {@code GET /health} shows the behaviour that runs): dev mode starts its own Kiln,
 * builds the project inside it, takes each save live, keeps the last good version through a compile error, and
 * stops its Kiln on Ctrl-C. The project needs nothing of Kiln's own from a Maven repository.
 */
public class DevModeIT {

    /** The first build includes Maven's first run, which may download its plugin on a fresh machine. */
    private static final Duration FIRST_BUILD = Duration.ofSeconds(180);
    private static final Duration RELOAD = Duration.ofSeconds(60);

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * For dev mode's own Maven runs on the fixture project: the Maven that runs this build, with its local repository
     * (which holds what the fixture needs once this build has run) and offline if this build is.
     */
    private static Map<String, String> maven() {
        String repository = System.getProperty("kiln.test.localRepository", System.getProperty("user.home") + "/.m2/repository");
        String offline = "offline:true".equals(System.getProperty("kiln.test.mavenOffline")) ? " -o" : "";
        return maven("-Dmaven.repo.local=" + repository + offline);
    }

    private static Map<String, String> maven(String args) {
        Map<String, String> env = new HashMap<>();
        env.put("MAVEN_HOME", PluginBuild.MVN.getParent().getParent().toString());
        env.put("KILN_MAVEN_ARGS", args);
        return env;
    }

    private Path project() throws Exception {
        Path source = Path.of(DevModeIT.class.getResource("/dev-project").toURI());
        Path project = temp.getRoot().toPath().resolve("dev-greeter");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = project.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        return project;
    }

    private static String phrase(String text) {
        return "package dev.greeter;\n\nfinal class Phrase {\n\n    private Phrase() {\n    }\n\n    static String text() {\n        return \"" + text
                + "\";\n    }\n}\n";
    }

    /** What the plugin's health check says now, from {@code GET /health} (which needs no token). */
    private String says(URI api) throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(api.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
        for (JsonElement check : JsonParser.parseString(health.body()).getAsJsonObject().getAsJsonArray("checks")) {
            if (check.getAsJsonObject().get("name").getAsString().equals("dev-greeter")) {
                return check.getAsJsonObject().get("message").getAsString();
            }
        }
        return "(no dev-greeter check: " + health.body() + ")";
    }

    @Test
    public void editCompileErrorRecoveryAndCtrlC() throws Exception {
        Path home = DistributionCopy.fresh(temp.getRoot().toPath().resolve("kiln"));
        Path project = project();
        Path phrase = project.resolve("src/main/java/dev/greeter/Phrase.java");
        try (RunningKiln dev = RunningKiln.startWithEnvironment(home, maven(), "dev", project.toString(), "--tests")) {
            int first = dev.awaitLine(0, "first build → ", FIRST_BUILD);
            assertTrue(dev.output().get(first), dev.output().get(first).endsWith(": APPLIED 1.0.0.SNAPSHOT"));
            dev.awaitLine(first, "live ", RELOAD);
            List<String> address = Files.readAllLines(home.resolve("data/api-url"));
            URI api = URI.create(address.get(0).strip());
            long kilnPid = Long.parseLong(address.stream().filter(l -> l.startsWith("pid=")).findFirst().orElseThrow().substring(4));
            assertTrue(ProcessHandle.of(kilnPid).map(ProcessHandle::isAlive).orElse(false));
            assertTrue("the plugin's log line, from the child Kiln's console: " + dev.output(), dev.printed("dev-greeter says: Hello from v1"));
            await().atMost(RELOAD).until(() -> says(api).equals("Hello from v1"));
            assertTrue(history(home, api).contains("\"trigger\":\"dev\""));
            dev.awaitLine(first, "tests: passed", RELOAD);

            int saved = dev.output().size();
            Files.writeString(phrase, phrase("Hello from v2"));
            int second = dev.awaitLine(saved, "Phrase.java → compiled ", RELOAD);
            assertTrue(dev.output().get(second), dev.output().get(second).matches(
                    "\\d\\d:\\d\\d:\\d\\d Phrase\\.java → compiled 2 sources in \\d+ ms, packaged in \\d+ ms, reloaded in \\d+ ms: APPLIED 1\\.0\\.0\\.SNAPSHOT"));
            dev.awaitLine(saved, "dev-greeter says: Hello from v2", RELOAD); // the plugin's own log line, live
            await().atMost(RELOAD).until(() -> says(api).equals("Hello from v2"));

            saved = dev.output().size();
            Files.writeString(phrase, phrase("Hello from v3").replace("\";", "\""));
            int rejected = dev.awaitLine(saved, "Phrase.java → 2 sources did not compile", RELOAD);
            assertTrue(dev.output().get(rejected), dev.output().get(rejected).endsWith(": REJECTED, 1 problem"));
            int broken = dev.awaitLine(rejected, "src/main/java/dev/greeter/Phrase.java:9:", RELOAD);
            assertTrue(dev.output().get(broken), dev.output().get(broken).contains("expected"));
            dev.awaitLine(broken, "the last good version keeps running", RELOAD);
            assertEquals("the last good version is still served", "Hello from v2", says(api));

            Files.writeString(phrase, phrase("Hello from v3"));
            int fixed = dev.awaitLine(broken, ": APPLIED 1.0.0.SNAPSHOT", RELOAD);
            assertTrue(dev.output().get(fixed), dev.output().get(fixed).contains("Phrase.java → compiled "));
            await().atMost(RELOAD).until(() -> says(api).equals("Hello from v3"));

            saved = dev.output().size();
            Files.writeString(phrase, phrase("Bye")); // PhraseTest wants a greeting
            int failed = dev.awaitLine(saved, "tests: FAILED", RELOAD);
            assertTrue(String.join("\n", dev.output()), dev.output().subList(saved, failed).stream().anyMatch(l -> l.contains("PhraseTest")));
            assertEquals("a failing test undeploys nothing", "Bye", says(api));

            dev.signal("INT");
            assertEquals(dev.output().toString(), 0, dev.awaitExit());
            assertTrue(dev.output().toString(), dev.printed("dev mode stopped"));
            await("the child Kiln gone").atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(kilnPid).map(p -> !p.isAlive()).orElse(true));
            assertFalse("its address is gone with it", Files.exists(home.resolve("data/api-url")));
            assertTrue("the plugin stays in hot/ for the next start", Files.exists(home.resolve("hot/kiln-dev-greeter.jar")));
        }
    }

    /**
     * What a newcomer does: {@code kiln new plugin}, then {@code kiln dev} on it. The project's Maven set-up is the
     * user's: kiln-plugin-parent and kiln-plugin-api come from the distribution's {@code maven/} folder (NewPluginIT's
     * settings.xml), all else from this build's local repository.
     */
    @Test
    public void aNewPluginProjectGoesLiveAndTakesAnEdit() throws Exception {
        Path home = DistributionCopy.fresh(temp.getRoot().toPath().resolve("kiln"));
        Path project = temp.getRoot().toPath().resolve("hello-dev");
        ApiKiln.ClientRun created = ApiKiln.client(home, "new", "plugin", "hello-dev", "--dir", project.toString());
        assertEquals(created.toString(), 0, created.exit());
        PluginBuild maven = PluginBuild.in(temp.getRoot().toPath().resolve("maven"), home);
        try (RunningKiln dev = RunningKiln.startWithEnvironment(home,
                maven("-s " + maven.settings + " -Dmaven.repo.local=" + maven.repository), "dev", project.toString(), "--tests")) {
            int first = dev.awaitLine(0, "first build → ", FIRST_BUILD);
            assertTrue(dev.output().get(first), dev.output().get(first).endsWith(": APPLIED 1.0.0.SNAPSHOT"));
            assertTrue(dev.output().toString(), dev.printed("hello-dev greets with 'Hello', 0 greetings so far"));
            dev.awaitLine(first, "tests: passed", FIRST_BUILD);

            Path greeter = Files.walk(project.resolve("src/main/java")).filter(p -> p.getFileName().toString().equals("CountingGreeter.java"))
                    .findFirst().orElseThrow();
            int saved = dev.output().size();
            Files.writeString(greeter, Files.readString(greeter).replace("greets with", "now greets with"));
            dev.awaitLine(saved, "hello-dev now greets with 'Hello'", RELOAD);
            int reload = dev.awaitLine(saved, "CountingGreeter.java → compiled ", RELOAD);
            assertTrue(dev.output().get(reload), dev.output().get(reload).endsWith(": APPLIED 1.0.0.SNAPSHOT"));

            dev.signal("INT");
            assertEquals(dev.output().toString(), 0, dev.awaitExit());
        }
    }

    @Test
    public void aRunningKilnIsDrivenAndLeftRunning() throws Exception {
        try (ApiKiln kiln = ApiKiln.start(temp.getRoot().toPath().resolve("kiln"), Map.of())) {
            Path project = project();
            try (RunningKiln dev = RunningKiln.startWithEnvironment(kiln.home, maven(), "dev", project.toString(), "--debug")) {
                dev.awaitLine(0, "using the running Kiln at " + kiln.url, RELOAD);
                assertTrue(dev.output().toString(), dev.printed("--debug: a debugger port belongs to the Kiln's own start"));
                int first = dev.awaitLine(0, "first build → ", FIRST_BUILD);
                assertTrue(dev.output().get(first), dev.output().get(first).endsWith(": APPLIED 1.0.0.SNAPSHOT"));
                dev.awaitLine(0, "dev-greeter says: Hello from v1", RELOAD); // from the event stream's console events
                await().atMost(RELOAD).until(() -> says(kiln.url).equals("Hello from v1"));
                dev.signal("INT");
                assertEquals(dev.output().toString(), 0, dev.awaitExit());
            }
            assertEquals("the Kiln dev mode did not start goes on", 200, kiln.get("/api/v1/status").statusCode());
        }
    }

    /** The history as JSON text, read with this Kiln's token. */
    private String history(Path home, URI api) throws Exception {
        String token = Files.readString(home.resolve("data/api-token")).strip();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(api.resolve("/api/v1/history?limit=10")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonParser.parseString(answer.body()).toString();
    }

    @Test
    public void aFolderThatIsNoPluginProjectIsRefusedInOneLine() throws Exception {
        Path home = DistributionCopy.fresh(temp.getRoot().toPath().resolve("kiln"));
        Path notAProject = Files.createDirectories(temp.getRoot().toPath().resolve("notes"));
        ApiKiln.ClientRun run = ApiKiln.client(home, "dev", notAProject.toString());
        assertEquals(run.toString(), 1, run.exit());
        assertEquals(run.toString(), "kiln: " + notAProject + " has no src/main/java: kiln dev builds a plugin project laid out as Maven's"
                + " (sources in src/main/java)", run.err().strip());
        Files.createDirectories(notAProject.resolve("src/main/java"));
        Files.writeString(notAProject.resolve("pom.xml"), "<project><artifactId>parent</artifactId><version>1</version><packaging>pom</packaging></project>");
        run = ApiKiln.client(home, "dev", notAProject.toString());
        assertEquals(run.toString(), 1, run.exit());
        assertTrue(run.toString(), run.err().startsWith("kiln: " + notAProject.resolve("pom.xml") + " has <packaging>pom</packaging>"));
        assertFalse("no Kiln was started", Files.exists(home.resolve("data/api-url")));
    }
}
