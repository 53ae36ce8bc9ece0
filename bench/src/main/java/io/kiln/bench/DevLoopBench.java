package io.kiln.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plugin author's inner loop inside Kiln (Kiln only; issue 9 section 4), on a fresh copy of its own: plugins
 * written as sources ({@link DevProbeSource}) and built by Kiln's warm compiler. In order: a few untimed source folders
 * moved into {@code hot/} (the compiler warms up), then timed ones (each taken out again, its uninstall awaited); one
 * source file of a folder in {@code hot/} saved over and over; a syntax error saved, from a good build each time; and
 * the same save driven through {@code POST /api/v1/builds}, as dev mode calls it. Every change is an atomic rename from
 * the staging folder (a save: a new file renamed over the old one, as editors' safe save does), after the usual random
 * pause; every latency ends at the probe's own record or, for a refusal, at the event stream. The endpoint's part is
 * {@link BuildsEndpointBench}'s.
 */
final class DevLoopBench {

    private static final Pattern DURATION = Pattern.compile("\"durationMillis\":(\\d+)");
    private static final Pattern ERROR = Pattern.compile("\"error\":\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern QUIET = Pattern.compile("(?m)^\\s*kiln\\.watch\\.quietMillis\\s*=\\s*(\\d+)");
    /** The first build loads javac and bnd: far slower than the rest. */
    private static final Duration FIRST_BUILD_TIMEOUT = Duration.ofSeconds(60);

    private final Workspace workspace;
    private final Product product;
    private final Results results;
    private final Trials series;
    private final int warmups;
    private final Path out;

    DevLoopBench(Workspace workspace, Results results, Random random, int warmups) {
        this.workspace = workspace;
        this.product = workspace.product();
        this.results = results;
        this.series = new Trials(workspace, results, random, "the inner-loop trials");
        this.warmups = warmups;
        this.out = workspace.output().folder();
    }

    void run(int trials) throws IOException, InterruptedException {
        Path home = workspace.freshCopy("dev-loop");
        Instance instance = Instance.launch(product, home, workspace.log("dev-loop"));
        try {
            AdminApi api = AdminApi.await(home, Duration.ofSeconds(60));
            results.note("inner loop: the source watcher's quiet period (kiln.watch.quietMillis in conf/kiln.properties) is "
                    + quietMillis(home) + " ms; " + warmups + " untimed source folders built first (compiler warm-up)");
            long pid = instance.jvmPid();
            results.of(Measure.DEV_RSS_BEFORE).add(ProcFs.residentKiB(pid) / 1024.0);
            try (EventStream events = api.events()) {
                System.out.printf("  [%s] inner loop: source folders into hot/ (%d warm-up, %d timed)%n", product.name(), warmups, trials);
                newFolders(events, home, trials);
                System.out.printf("  [%s] inner loop: saves and compile errors in a source folder%n", product.name());
                Path folder = saves(events, home, trials);
                compileErrors(events, folder, trials);
                System.out.printf("  [%s] inner loop: saves built through POST /api/v1/builds%n", product.name());
                new BuildsEndpointBench(workspace, results, series, Math.min(warmups, 3)).run(api, home, trials);
            }
            results.of(Measure.DEV_RSS_AFTER).add(ProcFs.residentKiB(pid) / 1024.0);
        } finally {
            instance.stop(Duration.ofSeconds(60));
            workspace.discard(home);
        }
    }

    /** Each trial a new plugin (its own folder, so its own symbolic name), taken out again after its trial. */
    private void newFolders(EventStream events, Path home, int trials) throws IOException, InterruptedException {
        Path hot = product.hotFolder(home);
        for (int i = 1; i <= warmups + trials; i++) {
            boolean warmup = i <= warmups;
            String name = "kiln-bench-src-" + i;
            String stamp = "new-" + i;
            DevProbeSource source = new DevProbeSource(name, out);
            series.pause();
            events.clear();
            long changed = workspace.drop().putFolder(hot, name, staged -> source.writeAll(staged, stamp));
            OptionalLong seen = workspace.output().await(stamp + ".active", warmup ? FIRST_BUILD_TIMEOUT : product.eventTimeout());
            if (warmup) {
                if (seen.isEmpty()) {
                    throw new IOException("warm-up source folder " + name + " was not active within " + FIRST_BUILD_TIMEOUT.toSeconds()
                            + " s; see " + workspace.log("dev-loop"));
                }
                results.note("inner loop: warm-up source folder " + i + " active " + String.format(java.util.Locale.ROOT, "%.0f",
                        Micros.toMillis(seen.getAsLong() - changed)) + " ms after its rename");
            } else {
                series.record(Measure.DEV_FOLDER_NEW, seen.isPresent() ? Optional.of(seen.getAsLong()) : Optional.empty(), changed,
                        stamp + ".active");
            }
            // the record comes from inside the install's transaction: let it end before the folder goes (see the docs)
            if (events.await(json -> of(json, name) && json.contains("\"action\":\"install\"") && applied(json),
                    product.eventTimeout()).isEmpty()) {
                results.note(Measure.DEV_FOLDER_NEW + ", trial " + i + ": no APPLIED install event for " + name);
            }
            workspace.drop().takeOut(hot.resolve(name));
            if (events.await(json -> of(json, name) && json.contains("\"action\":\"uninstall\"") && applied(json),
                    product.eventTimeout()).isEmpty()) {
                // each trial has a plugin of its own, so the next ones can go on; the report says so
                results.note("inner loop: source folder " + name + " taken out of hot/, but Kiln did not uninstall its plugin within "
                        + product.eventTimeout().toSeconds() + " s");
            }
        }
    }

    /**
     * One source folder in {@code hot/}; each trial saves its component with a new stamp. The update's change event
     * carries the transaction's {@code durationMillis}: the reload's share; the rest of the latency is the watcher,
     * its quiet period, and the build (which the folder path does not report on its own).
     *
     * @return the folder, left active for the compile errors
     */
    private Path saves(EventStream events, Path home, int trials) throws IOException, InterruptedException {
        String name = "kiln-bench-save";
        DevProbeSource source = new DevProbeSource(name, out);
        Path folder = product.hotFolder(home).resolve(name);
        workspace.drop().putFolder(folder.getParent(), name, staged -> source.writeAll(staged, "save-0"));
        series.awaitSetup("save-0.active");
        for (int i = 1; i <= trials; i++) {
            String stamp = "save-" + i;
            series.pause();
            events.clear();
            long changed = workspace.drop().save(folder.resolve(source.componentFile), source.component(stamp));
            OptionalLong seen = workspace.output().await(stamp + ".active", product.eventTimeout());
            series.record(Measure.DEV_SAVE_FOLDER, seen.isPresent() ? Optional.of(seen.getAsLong()) : Optional.empty(), changed,
                    stamp + ".active");
            Optional<EventStream.Event> update = events.await(json -> of(json, name) && json.contains("\"action\":\"update\"")
                    && applied(json), product.eventTimeout());
            if (seen.isPresent() && update.isPresent()) {
                long reload = first(DURATION, update.get().json());
                results.of(Measure.DEV_SAVE_FOLDER_RELOAD).add(reload);
                results.of(Measure.DEV_SAVE_FOLDER_REST).add(Micros.toMillis(seen.getAsLong() - changed) - reload);
            } else if (seen.isPresent()) {
                results.note(Measure.DEV_SAVE_FOLDER + ", trial " + i + ": active, but no APPLIED update event for " + name);
            }
        }
        return folder;
    }

    /**
     * Each trial: the folder made good again with a new stamp (awaited at the component), then its component saved
     * with a missing semicolon (and a new stamp, so no two broken saves are alike), until the REJECTED change event.
     */
    private void compileErrors(EventStream events, Path folder, int trials) throws IOException, InterruptedException {
        String name = folder.getFileName().toString();
        DevProbeSource source = new DevProbeSource(name, out);
        for (int i = 1; i <= trials; i++) {
            workspace.drop().save(folder.resolve(source.componentFile), source.component("fixed-" + i));
            series.awaitSetup("fixed-" + i + ".active");
            series.pause();
            events.clear();
            long changed = workspace.drop().save(folder.resolve(source.componentFile), source.broken("broken-" + i));
            Optional<EventStream.Event> rejected = events.await(json -> of(json, name) && json.contains("\"outcome\":\"REJECTED\""),
                    product.eventTimeout());
            series.record(Measure.DEV_COMPILE_ERROR, rejected.map(EventStream.Event::arrivedMicros), changed, "REJECTED event for " + name);
            if (i == 1 && rejected.isPresent()) {
                Matcher error = ERROR.matcher(rejected.get().json());
                results.note("inner loop: the refusal of a syntax error reads: " + (error.find() ? error.group(1) : rejected.get().json()));
            }
        }
    }

    private static boolean of(String json, String plugin) {
        return json.contains("\"plugin\":\"" + plugin + "\"");
    }

    private static boolean applied(String json) {
        return json.contains("\"outcome\":\"APPLIED\"");
    }

    static long first(Pattern pattern, String json) {
        Matcher matcher = pattern.matcher(json);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    static long quietMillis(Path home) throws IOException {
        Matcher matcher = QUIET.matcher(Files.readString(home.resolve("conf/kiln.properties")));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 15; // WatchSettings' default
    }


}
