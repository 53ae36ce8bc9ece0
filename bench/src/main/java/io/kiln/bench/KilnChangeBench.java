package io.kiln.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Kiln's own change latencies, on the running steady-state instance after the shared trials (Karaf has no
 * equivalent): a failed update rolled back, a section validated against Metatype, a rejected section reported
 * on the event stream, and a skill republished. Each trial makes one change by atomic rename, as
 * {@link LatencyBench} does, after the same random pause.
 */
final class KilnChangeBench {

    static final String VALIDATED_PID = "kiln.bench.validated";
    static final String SKILL = "kiln-bench";
    private static final String ROLLBACK_BUNDLE = "kiln.bench.rollback";

    private final Workspace workspace;
    private final Product product;
    private final Path home;
    private final Results results;
    private final Trials series;

    KilnChangeBench(Workspace workspace, Path home, Results results, Random random) {
        this.workspace = workspace;
        this.product = workspace.product();
        this.home = home;
        this.results = results;
        this.series = new Trials(workspace, results, random, "the Kiln-only trials");
    }

    void run(int trials) throws IOException, InterruptedException {
        AdminApi api = AdminApi.await(home, Duration.ofSeconds(30));
        rollback(trials);
        validatedConfiguration(api, trials);
        skill(trials);
    }

    /**
     * v1 active; each trial renames a new failing version (2.0.i, whose activator throws) onto the same file and
     * times until v1's activator records its start again, after Kiln rolled back. The failing file stays in
     * hot/ (rejected), and the next trial's failing version replaces it: v1 is the running version throughout.
     */
    private void rollback(int trials) throws IOException, InterruptedException {
        Path hot = product.hotFolder(home);
        String file = "kiln-bench-rollback.jar";
        String v1 = ROLLBACK_BUNDLE + "-1.0.0.start";
        workspace.drop().put(hot, file, ProbeJar.activator(ROLLBACK_BUNDLE, "1.0.0", workspace.output().folder()));
        series.awaitSetup(v1);
        for (int i = 1; i <= trials; i++) {
            byte[] failing = ProbeJar.failing(ROLLBACK_BUNDLE, "2.0." + i, workspace.output().folder());
            workspace.output().forget(v1);
            trial(Measure.ROLLBACK, v1, () -> workspace.drop().put(hot, file, failing), product.eventTimeout());
        }
    }

    /**
     * A DS component requiring {@value #VALIDATED_PID}, whose Metatype definition makes {@code stamp} a required
     * Integer. Rewrites with a new stamp are timed to the component's {@code modified}; then rewrites with a
     * non-integer stamp are timed to the REJECTED event on the event stream, each from a valid section.
     */
    private void validatedConfiguration(AdminApi api, int trials) throws IOException, InterruptedException {
        Path conf = product.configFolder(home);
        String file = VALIDATED_PID + ".cfg";
        workspace.drop().put(product.hotFolder(home), "kiln-bench-validated.jar",
                ProbeJar.validatedConfigProbe("kiln.bench.validated", "1.0.0", workspace.output().folder(), VALIDATED_PID));
        // the definition must be known before the first section arrives, or it is applied unvalidated first
        awaitDefinition(api);
        workspace.drop().put(conf, file, section("0"));
        series.awaitSetup("validated-0.seen");
        String shown = api.get("api/v1/config/" + VALIDATED_PID).body();
        if (!shown.contains("\"validated\":true")) {
            results.note(Measure.CONFIG_VALIDATED + ": Kiln does not report the section as validated: " + shown);
        }
        for (int i = 1; i <= trials; i++) {
            String content = section(Integer.toString(i));
            trial(Measure.CONFIG_VALIDATED, "validated-" + i + ".seen", () -> workspace.drop().put(conf, file, content),
                    product.eventTimeout());
        }
        try (EventStream events = api.events()) {
            for (int i = 1; i <= trials; i++) {
                // back to a valid section first, so that every rejection is of a change to a good configuration
                String valid = Integer.toString(1000 + i);
                workspace.drop().put(conf, file, section(valid));
                series.awaitSetup("validated-" + valid + ".seen");
                series.pause();
                events.clear();
                String invalid = section("not-a-number-" + i);
                long changed = workspace.drop().put(conf, file, invalid);
                Optional<EventStream.Event> rejected = events.await(json -> json.contains("\"plugin\":\"" + VALIDATED_PID + "\"")
                        && json.contains("\"outcome\":\"REJECTED\""), product.eventTimeout());
                series.record(Measure.CONFIG_REJECTED, rejected.map(EventStream.Event::arrivedMicros), changed,
                        "REJECTED event for " + VALIDATED_PID);
            }
        }
    }

    private void awaitDefinition(AdminApi api) throws IOException, InterruptedException {
        // the component requires its configuration, so it cannot say when it is there: ask Kiln for the bundle
        long deadline = System.nanoTime() + product.eventTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            String plugin = api.get("api/v1/plugins/kiln.bench.validated").body();
            if (plugin.contains("\"state\":\"ACTIVE\"")) {
                return;
            }
            Thread.sleep(50); // set-up only, bounded
        }
        throw new IOException("the validated configuration probe did not become active; the trials cannot go on");
    }

    private static String section(String stamp) {
        return "# Kiln benchmark: the validated configuration probe's section\nstamp = " + stamp + "\n";
    }

    /**
     * The skill probe listens for the Skill services of {@value #SKILL}; the skill's folder is moved into skills/
     * complete, then each trial renames a SKILL.md with a new {@code version} into it.
     */
    private void skill(int trials) throws IOException, InterruptedException {
        workspace.drop().put(product.hotFolder(home), "kiln-bench-skill.jar",
                ProbeJar.skillProbe("kiln.bench.skill", "1.0.0", workspace.output().folder(), SKILL));
        series.awaitSetup("kiln.bench.skill-1.0.0.start");
        Path folder = home.resolve("skills").resolve(SKILL);
        Path staged = Files.createTempDirectory(workspace.drop().staging(), SKILL);
        Files.writeString(staged.resolve("SKILL.md"), skillFile("1.0.0"), StandardCharsets.UTF_8);
        Files.move(staged, folder, StandardCopyOption.ATOMIC_MOVE);
        series.awaitSetup("skill-1.0.0.seen");
        for (int i = 1; i <= trials; i++) {
            String version = "1." + i + ".0";
            String content = skillFile(version);
            trial(Measure.SKILL, "skill-" + version + ".seen", () -> workspace.drop().put(folder, "SKILL.md", content),
                    product.eventTimeout());
        }
    }

    private static String skillFile(String version) {
        return "---\nname: " + SKILL + "\ndescription: The benchmark's skill probe.\nversion: " + version
                + "\ntriggers: [benchmark]\n---\n# Kiln benchmark\n\nRepublished at each trial.\n";
    }

    /** A change made by the harness; @return the epoch-microsecond instant it was complete */
    private interface Change {
        long make() throws IOException;
    }

    private void trial(Measure measure, String event, Change change, Duration timeout) throws IOException, InterruptedException {
        series.pause();
        long changed = change.make();
        OptionalLong seen = workspace.output().await(event, timeout);
        series.record(measure, seen.isPresent() ? Optional.of(seen.getAsLong()) : Optional.empty(), changed, event);
    }
}
