package io.kiln.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The JVM options {@code bin/kiln} chooses (server or dev, the heap from {@code KILN_HEAP}, the class-data archive of
 * {@code KILN_CDS}), as the real JVM took them:
 * {@code -XX:+PrintFlagsFinal} added through {@code KILN_JAVA_OPTS} prints its final flags, and {@code --help} or
 * {@code help} ends the run at once, so no Kiln starts.
 */
public class JvmOptionsIT {

    private static final Pattern FLAG = Pattern.compile("^\\s*\\S+\\s+(\\w+)\\s+:?=\\s+(\\S+)");

    @ClassRule
    public static final TemporaryFolder TEMP = new TemporaryFolder();

    private static Path home;

    @BeforeClass
    public static void copy() throws IOException {
        home = DistributionCopy.fresh(TEMP.getRoot().toPath().resolve("kiln"));
    }

    /** @return the JVM's final flags, name to value, after bin/kiln ran with {@code environment} and {@code args} */
    private static Map<String, String> flags(Map<String, String> environment, String... args) throws Exception {
        return flags(home, environment, args);
    }

    private static Map<String, String> flags(Path home, Map<String, String> environment, String... args) throws Exception {
        Run run = run(home, environment, args);
        assertEquals(run.output, 0, run.exit);
        Map<String, String> flags = new java.util.HashMap<>();
        for (String line : run.output.split("\n")) {
            Matcher m = FLAG.matcher(line);
            if (m.find()) {
                flags.put(m.group(1), m.group(2));
            }
        }
        assertTrue("the JVM printed its flags: " + run.output, flags.containsKey("MaxHeapSize"));
        return flags;
    }

    private record Run(int exit, String output) {
    }

    private static Run run(Map<String, String> environment, String... args) throws Exception {
        return run(home, environment, args);
    }

    private static Run run(Path home, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kiln").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().remove("KILN_HEAP");
        builder.environment().remove("KILN_JVM");
        builder.environment().remove("KILN_CDS");
        builder.environment().put("KILN_JAVA_OPTS", "-XX:+PrintFlagsFinal");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("bin/kiln ended", process.waitFor(60, TimeUnit.SECONDS));
        return new Run(process.exitValue(), output);
    }

    private static long mib(Map<String, String> flags) {
        return Long.parseLong(flags.get("MaxHeapSize")) / (1024 * 1024);
    }

    @Test
    public void kilnItselfRunsWithFullTieredCompilationAndAHeapThatGrowsToOneGigabyte() throws Exception {
        Map<String, String> flags = flags(Map.of(), "--help");
        assertEquals("C2 too, not C1 only", "4", flags.get("TieredStopAtLevel"));
        assertEquals("C2 ten times later than the JVM's default, after start-up", "50000", flags.get("Tier4InvocationThreshold"));
        assertEquals("true", flags.get("UseSerialGC"));
        assertEquals(16L * 1024 * 1024, Long.parseLong(flags.get("InitialHeapSize")));
        assertEquals(1024, mib(flags));
    }

    @Test
    public void kilnHeapRaisesTheHeapWithOneVariable() throws Exception {
        assertEquals(2048, mib(flags(Map.of("KILN_HEAP", "2g"), "--help")));
        assertEquals(300, mib(flags(Map.of("KILN_HEAP", "300m", "KILN_JVM", "dev"), "--help")));
    }

    @Test
    public void kilnJavaOptsComeLastAndWin() throws Exception {
        Map<String, String> flags = flags(Map.of("KILN_HEAP", "2g", "KILN_JAVA_OPTS", "-XX:+PrintFlagsFinal -Xmx700m"), "--help");
        assertEquals(700, mib(flags));
    }

    @Test
    public void devModesKilnAndTheClientGetTheQuickStartOptions() throws Exception {
        for (Map<String, String> flags : List.of(flags(Map.of("KILN_JVM", "dev"), "--help"), flags(Map.of(), "help"))) {
            assertEquals("C1 only", "1", flags.get("TieredStopAtLevel"));
            assertEquals("true", flags.get("UseSerialGC"));
            assertEquals(512, mib(flags));
        }
    }

    @Test
    public void withKilnCdsTheFirstStartWritesTheArchiveAndLaterOnesUseItOrIgnoreItWhenItNoLongerFits() throws Exception {
        Path copy = DistributionCopy.fresh(TEMP.getRoot().toPath().resolve("kiln-cds"));
        Path archive = copy.resolve("data/kiln.jsa");
        Map<String, String> on = Map.of("KILN_CDS", "on");
        assertEquals(archive.toString(), flags(copy, on, "--help").get("ArchiveClassesAtExit"));
        assertTrue("written as the JVM exited", Files.isRegularFile(archive));
        assertEquals(archive.toString(), flags(copy, on, "--help").get("SharedArchiveFile"));
        assertFalse("no archive for the client", flags(copy, on, "help").get("SharedArchiveFile").contains("kiln.jsa"));

        // a changed jar: the archive no longer fits, and the JVM starts all the same
        Path launcher = copy.resolve("lib/kiln-launcher.jar");
        Files.setLastModifiedTime(launcher, FileTime.fromMillis(Files.getLastModifiedTime(launcher).toMillis() - 60_000));
        Run stale = run(copy, on, "--help");
        assertEquals(stale.output, 0, stale.exit);
        assertTrue(stale.output, stale.output.contains("Usage"));
    }

    @Test
    public void aMalformedSettingIsRefusedBeforeTheJvmStarts() throws Exception {
        Run heap = run(Map.of("KILN_HEAP", "lots"), "--help");
        assertEquals(heap.output, 2, heap.exit);
        assertTrue(heap.output, heap.output.contains("KILN_HEAP must be a size such as 512m or 2g, not 'lots'"));
        Run jvm = run(Map.of("KILN_JVM", "fast"), "--help");
        assertEquals(jvm.output, 2, jvm.exit);
        assertTrue(jvm.output, jvm.output.contains("KILN_JVM must be server or dev, not 'fast'"));
        Run cds = run(Map.of("KILN_CDS", "yes"), "--help");
        assertEquals(cds.output, 2, cds.exit);
        assertTrue(cds.output, cds.output.contains("KILN_CDS must be on or off, not 'yes'"));
    }
}
