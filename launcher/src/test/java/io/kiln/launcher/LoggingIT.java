package io.kiln.launcher;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Logging in the distribution: Pax Logging with Log4j 2, configured by conf/org.ops4j.pax.logging.cfg like any section
 * (a change in the file applies, a broken one is refused and the last good logging goes on), data/log/kiln.log, and
 * {@code kiln log} with its API.
 */
public class LoggingIT {

    private static final String SECTION = "/api/v1/config/org.ops4j.pax.logging";
    /** Kiln's own INFO lines off: a broken change carries it, so that a line still logged proves the change did not run. */
    private static final String QUIET_KILN = "log4j2.logger.quiet.name = io.kiln.runtime\nlog4j2.logger.quiet.level = WARN\n";

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static ApiKiln kiln;
    private static Path cfg;
    private static Path log;
    private static String shipped;

    @BeforeClass
    public static void start() throws Exception {
        kiln = ApiKiln.start(temp.getRoot().toPath().resolve("kiln"), Map.of());
        cfg = kiln.home.resolve("conf/org.ops4j.pax.logging.cfg");
        log = kiln.home.resolve("data/log/kiln.log");
        shipped = Files.readString(cfg);
    }

    @AfterClass
    public static void stop() throws Exception {
        kiln.close();
    }

    /** Each test starts from the logging section the distribution ships. */
    @After
    public void putTheShippedSectionBack() throws IOException {
        if (!Files.exists(cfg) || !Files.readString(cfg).equals(shipped)) {
            write(shipped);
            awaitSection("APPLIED", "");
        }
    }

    private static void write(String text) throws IOException {
        Path staged = kiln.home.resolve("data/tmp/logging.cfg");
        Files.writeString(staged, text);
        Files.move(staged, cfg, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static JsonObject section() {
        return JsonParser.parseString(kiln.get(SECTION).body()).getAsJsonObject();
    }

    /** Waits until the section is in this state with a reason containing {@code reason}, and the file's text is what runs. */
    private static JsonObject awaitSection(String state, String reason) {
        await("the logging section " + state + " (" + reason + ")").atMost(Duration.ofSeconds(30)).until(() -> {
            JsonObject s = section();
            return s.get("state").getAsString().equals(state) && s.get("reason").getAsString().contains(reason)
                    && (!state.equals("APPLIED") || runs(Files.readString(cfg), s));
        });
        return section();
    }

    /** Whether every key = value line of the file is what the section runs on. */
    private static boolean runs(String file, JsonObject section) {
        JsonObject properties = section.getAsJsonObject("properties");
        return file.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).allMatch(l -> {
            String key = l.substring(0, l.indexOf('=')).strip();
            return properties.has(key) && (l.contains("${") || properties.get(key).getAsString().equals(l.substring(l.indexOf('=') + 1).strip()));
        });
    }

    private static long logged(String text) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains(text)).count();
    }

    private static void reloadGreeting() {
        assertEquals(200, kiln.post("/api/v1/plugins/kiln-sample-greeting/reload").statusCode());
    }

    @Test
    public void kilnLogsToTheConsoleAndToDataLogKilnLog() throws Exception {
        await("the start-up in " + log).atMost(Duration.ofSeconds(30)).until(() -> logged("install kiln-sample-greeting") == 1);
        assertTrue(kiln.process.printed("install kiln-sample-greeting"));
        // the console's short format, the file's long one (date, thread, whole logger name)
        assertTrue(Files.readAllLines(log).stream().anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\d .*\\[INFO] \\[.*] io\\.kiln\\.runtime - install kiln-sample-greeting .*")));
        JsonObject s = section();
        assertEquals("APPLIED", s.get("state").getAsString());
        assertTrue("checked by Kiln's logging check", s.get("validated").getAsBoolean());
    }

    @Test
    public void aLevelChangedInTheFileTakesEffectAtOnce() throws Exception {
        String reloaded = "reload kiln-sample-greeting ";
        long before = logged(reloaded);
        write(shipped + "log4j2.logger.itest.name = io.kiln.runtime\nlog4j2.logger.itest.level = WARN\n");
        awaitSection("APPLIED", "");
        reloadGreeting(); // at WARN: Kiln's INFO line about it is not logged
        write(shipped + "log4j2.logger.itest.name = io.kiln.runtime\nlog4j2.logger.itest.level = INFO\n");
        awaitSection("APPLIED", "");
        reloadGreeting();
        await("the second reload in " + log).atMost(Duration.ofSeconds(30)).until(() -> logged(reloaded) > before);
        assertEquals("only the reload at INFO is in the log", before + 1, logged(reloaded));
    }

    @Test
    public void aLevelThatIsNoneIsRefusedAndTheLastGoodLoggingGoesOn() throws Exception {
        // with Kiln's own INFO lines turned off in the same change: if it ran, the reload below would not be logged
        write(shipped.replace("log4j2.logger.jetty.level = WARN", "log4j2.logger.jetty.level = LOUD") + QUIET_KILN);
        JsonObject refused = awaitSection("REJECTED", "log4j2.logger.jetty.level");
        assertTrue(refused.toString(), refused.get("reason").getAsString().startsWith(
                "org.ops4j.pax.logging.cfg: log4j2.logger.jetty.level: expected one of OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL, found 'LOUD'"));
        assertEquals("the last good level runs", "WARN", refused.getAsJsonObject("properties").get("log4j2.logger.jetty.level").getAsString());
        stillLogs();
    }

    @Test
    public void whatLog4jItselfRefusesIsPutBackWithLog4jsReason() throws Exception {
        write(shipped + "log4j2.appender.bad.type = NoSuchAppender\nlog4j2.appender.bad.name = bad\n"
                + "log4j2.rootLogger.appenderRef.bad.ref = bad\n" + QUIET_KILN);
        JsonObject refused = awaitSection("REJECTED", "Log4j says: ");
        String reason = refused.get("reason").getAsString();
        assertTrue(reason, reason.startsWith("org.ops4j.pax.logging.cfg: applied, but Log4j says: Unable to locate plugin type for NoSuchAppender"));
        assertTrue(reason, reason.contains("the last good configuration is back"));
        assertTrue("the appender is not in what runs", !refused.getAsJsonObject("properties").has("log4j2.appender.bad.type"));
        JsonArray history = JsonParser.parseString(kiln.get("/api/v1/history?limit=5").body()).getAsJsonArray();
        assertTrue(history.toString(), history.asList().stream().map(e -> e.getAsJsonObject())
                .anyMatch(e -> e.get("name").getAsString().equals("org.ops4j.pax.logging") && e.get("outcome").getAsString().equals("ROLLED_BACK")
                        && e.get("error").getAsString().contains("Log4j says: Unable to locate plugin type for NoSuchAppender")));
        stillLogs();
    }

    /** The file still takes Kiln's INFO lines: the last good logging runs, not the refused one. */
    private static void stillLogs() throws IOException {
        String reloaded = "reload kiln-sample-greeting ";
        long before = logged(reloaded);
        reloadGreeting();
        await("a reload in " + log + " after the refusal").atMost(Duration.ofSeconds(30)).until(() -> logged(reloaded) > before);
    }

    @Test
    public void kilnLogLevelSetsAPluginsLevelInTheSectionAndLogShowSaysSo() throws Exception {
        ApiKiln.ClientRun set = kiln.client("log", "level", "kiln-sample-greeting", "debug");
        assertEquals(set.toString(), 0, set.exit());
        assertTrue(set.out(), set.out().contains("kiln-sample-greeting: DEBUG, written to conf/org.ops4j.pax.logging.cfg: APPLIED"));
        // the plugin's own package, in the file (the file is the truth: a restart keeps it)
        assertTrue(Files.readString(cfg).contains("log4j2.logger.io_kiln_sample_greeting.name = io.kiln.sample.greeting\n"
                + "log4j2.logger.io_kiln_sample_greeting.level = DEBUG\n"));
        String show = kiln.client("log", "show").out();
        assertTrue(show, show.lines().anyMatch(l -> l.matches("\\(root\\)\\s+INFO\\s*")));
        assertTrue(show, show.lines().anyMatch(l -> l.matches("io\\.kiln\\.sample\\.greeting\\s+DEBUG\\s+kiln-sample-greeting")));
        // SCR says at DEBUG, in the plugin's name, what it does with the plugin's components
        reloadGreeting();
        await("the plugin's debug lines").atMost(Duration.ofSeconds(30))
                .until(() -> Files.readAllLines(log).stream().anyMatch(l -> l.contains("[DEBUG]") && l.contains("io.kiln.sample.greeting.")));
        // the root level alone, and a level that is none
        ApiKiln.ClientRun root = kiln.client("log", "level", "WARN");
        assertTrue(root.toString(), root.exit() == 0 && root.out().contains("root: WARN"));
        assertTrue(Files.readString(cfg).contains("log4j2.rootLogger.level = WARN\n"));
        ApiKiln.ClientRun rootByName = kiln.client("log", "level", "root", "info");
        assertTrue(rootByName.toString(), rootByName.exit() == 0 && Files.readString(cfg).contains("log4j2.rootLogger.level = INFO\n"));
        ApiKiln.ClientRun typo = kiln.client("log", "level", "kiln-sample-greetin", "debug");
        assertEquals(typo.toString(), 1, typo.exit());
        assertTrue(typo.err(), typo.err().contains("no plugin is named 'kiln-sample-greetin'; for a logger give its package or class name"));
        ApiKiln.ClientRun api = kiln.client("log", "level", "kiln-sample-api", "debug");
        assertTrue(api.out(), api.out().contains("warning: the level covers the loggers of kiln-sample-chain-alpha"));
        ApiKiln.ClientRun loud = kiln.client("log", "level", "loud");
        assertEquals(loud.toString(), 1, loud.exit());
        assertTrue(loud.err(), loud.err().contains("'loud' is not a log level: expected one of OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL"));
    }

    @Test
    public void kilnLogTailPrintsTheLatestMessagesAndFollowsNewOnes() throws Exception {
        reloadGreeting();
        ApiKiln.ClientRun tail = kiln.client("log", "tail", "-n", "10");
        assertEquals(tail.toString(), 0, tail.exit());
        assertEquals(tail.out(), 10, tail.out().strip().lines().count());
        assertTrue(tail.out(), tail.out().lines().anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[INFO] runtime - reload kiln-sample-greeting .*")));
        // the stream: a message logged from now on arrives as a line event
        HttpResponse<java.io.InputStream> stream = kiln.sendStreaming("/api/v1/log/stream");
        assertEquals(200, stream.statusCode());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                        if (text.startsWith("data:") && text.contains("reload kiln-sample-greeting")) {
                            return text;
                        }
                    }
                    return "";
                } catch (IOException e) {
                    return e.toString();
                }
            });
            // the stream is registered some time after its answer began: reload until a reload's line comes
            await("a reload's line on the stream").atMost(Duration.ofSeconds(30)).until(() -> {
                reloadGreeting();
                return line.isDone();
            });
            JsonObject data = JsonParser.parseString(line.get(1, TimeUnit.SECONDS).substring(5)).getAsJsonObject();
            assertEquals("INFO", data.get("level").getAsString());
            assertEquals("io.kiln.runtime", data.get("logger").getAsString());
            assertEquals("kiln-runtime", data.get("bundle").getAsString());
        }
    }

    @Test
    public void theLogApiRefusesBadRequests() {
        assertError(kiln.send(kiln.request("/api/v1/log/level").header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"level\": \"noisy\"}"))), 400, "'noisy' is not a log level");
        assertError(kiln.send(kiln.request("/api/v1/log/level").header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"logger\": \"x\"}"))), 400, "send {\"level\"");
        assertError(kiln.get("/api/v1/log/lines?limit=0"), 400, "'limit' must be between 1 and 1000");
        assertError(kiln.get("/api/v1/log/nothing"), 404, "");
        JsonArray lines = JsonParser.parseString(kiln.get("/api/v1/log/lines?limit=2").body()).getAsJsonArray();
        assertEquals(2, lines.size());
    }

    private static void assertError(HttpResponse<String> response, int status, String detail) {
        assertEquals(response.body(), status, response.statusCode());
        assertTrue(response.body(), response.body().contains(detail.replace("\"", "\\\"")) || response.body().contains(detail));
    }

    @Test
    public void aPluginBuiltAgainstSlf4j2LogsIntoTheSameFile() throws Exception {
        // SLF4J 2's fluent API, imported at 2.x: Pax Logging's API bundle exports it beside 1.7
        byte[] jar = ApiKiln.pluginJarWithActivator("it-slf4j2", """
                package itest;

                import org.osgi.framework.BundleActivator;
                import org.osgi.framework.BundleContext;
                import org.slf4j.LoggerFactory;

                public class Activator implements BundleActivator {
                    @Override
                    public void start(BundleContext context) {
                        LoggerFactory.getLogger("itest.slf4j2").atInfo().addKeyValue("api", 2).log("fluent hello from SLF4J 2");
                        LoggerFactory.getLogger("itest.slf4j2").warn("and an exception", new IllegalStateException("boom"));
                    }

                    @Override
                    public void stop(BundleContext context) {
                    }
                }
                """, "org.osgi.framework, org.slf4j;version=\"[2.0,3)\", org.slf4j.spi;version=\"[2.0,3)\"");
        HttpResponse<String> installed = kiln.postJar("/api/v1/plugins", jar);
        assertEquals(installed.body(), 201, installed.statusCode());
        await("its line in " + log).atMost(Duration.ofSeconds(30)).until(() -> logged("fluent hello from SLF4J 2") == 1);
        List<String> lines = Files.readAllLines(log).stream().filter(l -> l.contains("fluent hello")).toList();
        assertTrue(lines.toString(), lines.get(0).contains("[INFO]") && lines.get(0).contains(" itest.slf4j2 - "));
        // the console: an exception by its class and message, on the message's line; the file: with its trace
        await("the exception's line on the console").atMost(Duration.ofSeconds(30)).until(() -> kiln.process.output().stream()
                .anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[WARN] slf4j2 - and an exception: java\\.lang\\.IllegalStateException: boom")));
        assertTrue(Files.readString(log).contains("and an exception\njava.lang.IllegalStateException: boom\n\tat itest.Activator.start("));
        assertEquals(200, kiln.delete("/api/v1/plugins/it-slf4j2").statusCode());
    }

    @Test
    public void theLoggingSectionStaysWhenItsFileIsDeleted() throws Exception {
        write(shipped + QUIET_KILN.replace("WARN", "INFO"));
        awaitSection("APPLIED", "");
        Files.delete(cfg);
        JsonObject kept = awaitSection("REJECTED", "the file is gone, and this section stays as it last applied");
        assertEquals("what runs is the last good section", "INFO", kept.getAsJsonObject("properties").get("log4j2.logger.quiet.level").getAsString());
        stillLogs();
    }
}
