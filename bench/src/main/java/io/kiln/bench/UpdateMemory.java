package io.kiln.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory after updates: a fresh copy of Kiln, alpha's jar replaced in {@code hot/} again and again (each a new
 * Bundle-Version, each update's change event awaited and {@code APPLIED}), and after 0 and every {@code batch}
 * updates, in the Kiln process, through {@code jcmd}: a full GC ({@code GC.run}), then the heap used and Metaspace
 * used ({@code GC.heap_info}), the classes loaded less those unloaded ({@code PerfCounter.print}) and the class
 * loaders ({@code VM.classloader_stats}).
 */
final class UpdateMemory {

    /** One reading, after {@code updates} updates. */
    record Reading(int updates, long heapUsedKb, long metaspaceUsedKb, long classes, long classLoaders) {
    }

    private static final Pattern HEAP_USED = Pattern.compile("(?m)^\\s*(?:def new generation|tenured generation|garbage-first heap|PSYoungGen|ParOldGen)\\s+total \\d+K, used (\\d+)K");
    private static final Pattern METASPACE_USED = Pattern.compile("(?m)^\\s*Metaspace\\s+used (\\d+)K");
    private static final Pattern LOADED = Pattern.compile("(?m)^java\\.cls\\.loadedClasses=(\\d+)");
    private static final Pattern UNLOADED = Pattern.compile("(?m)^java\\.cls\\.unloadedClasses=(\\d+)");
    private static final Pattern LOADERS = Pattern.compile("(?m)^Total = (\\d+)");

    private final Workspace workspace;
    private final ChainJars jars;

    UpdateMemory(Workspace workspace) throws IOException {
        this.workspace = workspace;
        this.jars = new ChainJars(java.nio.file.Files.readAllBytes(workspace.product().pristine().resolve("hot/" + ChainJars.ALPHA + ".jar")));
    }

    List<Reading> run(int batch, int batches) throws IOException, InterruptedException, CallsBench.CallsFailure {
        List<Reading> readings = new ArrayList<>();
        try (Running kiln = Running.start(workspace, "memory")) {
            long pid = kiln.pid();
            readings.add(read(pid, 0));
            for (int b = 1; b <= batches; b++) {
                System.out.printf("  [memory] %d updates of alpha%n", batch);
                for (int k = (b - 1) * batch + 1; k <= b * batch; k++) {
                    String version = "0.4." + k;
                    kiln.events().clear();
                    workspace.drop().put(kiln.hot(), ChainJars.ALPHA + ".jar", jars.alpha(version, false));
                    String json = kiln.awaitUpdate(version, Duration.ofSeconds(30));
                    if (!json.contains("\"outcome\":\"APPLIED\"")) {
                        throw new CallsBench.CallsFailure("the update of alpha to " + version + " did not commit: " + json);
                    }
                }
                Thread.sleep(2000); // the last update's retired version given its time to be let go
                readings.add(read(pid, b * batch));
            }
        }
        return readings;
    }

    private static Reading read(long pid, int updates) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String heap = jcmd(pid, "GC.heap_info");
        long heapUsed = 0;
        for (Matcher m = HEAP_USED.matcher(heap); m.find(); ) {
            heapUsed += Long.parseLong(m.group(1));
        }
        String counters = jcmd(pid, "PerfCounter.print");
        Reading reading = new Reading(updates, heapUsed, first(METASPACE_USED, heap, "Metaspace used"),
                first(LOADED, counters, "loaded classes") - first(UNLOADED, counters, "unloaded classes"),
                first(LOADERS, jcmd(pid, "VM.classloader_stats"), "class loaders"));
        System.out.printf("  [memory] after %d updates: %s%n", updates, reading);
        return reading;
    }

    private static long first(Pattern pattern, String text, String what) throws IOException {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IOException("jcmd's output has no " + what + ":\n" + text);
        }
        return Long.parseLong(m.group(1));
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }
}
