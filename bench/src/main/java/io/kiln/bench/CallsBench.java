package io.kiln.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls through reloads (issue 10), against a copy of the distribution: the caller probe's threads call the chain's
 * top link (charlie → beta → alpha, every hop through a handle) while the harness (a) leaves it alone, (b) replaces
 * alpha's jar in {@code hot/} again and again, each a new Bundle-Version, waiting for each update's change event
 * before the next, and (c) replaces it once by a version whose component fails, which is rolled back. Each phase is
 * one caller probe, put into {@code hot/} at its start and taken out at its end, when it writes its figures.
 * Then, on a fresh copy, the comparison: the same reloads with alpha's service marked {@code kiln.call.direct=true}.
 * <p>
 * An update that does not end as expected, or a probe restarted mid-phase, stops the run ({@link CallsFailure}); a
 * failed call through handles fails it once the figures are written ({@link #failedThroughHandles}).
 */
final class CallsBench {

    /** What went wrong, for the harness's non-zero exit. */
    static final class CallsFailure extends Exception {
        CallsFailure(String message) {
            super(message);
        }
    }

    /** How long and how often: the untimed warm-up of each phase's callers, the quiet phase's length, the reloads of (b) and of the comparison, the pause after each. */
    record Plan(int threads, Duration warmUp, Duration steady, int reloads, int directReloads, Duration pause) {
    }

    /** One update of alpha: its version, its {@code durationMillis}, and when (System.nanoTime()) the jar was dropped and its event came. */
    record Update(String version, double durationMillis, long droppedNanos, long eventNanos) {
    }

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern DURATION = Pattern.compile("\"durationMillis\":(\\d+)");

    private final Workspace workspace;
    private final Plan plan;
    private final ChainJars jars;

    CallsBench(Workspace workspace, Plan plan) throws IOException {
        this.workspace = workspace;
        this.plan = plan;
        this.jars = new ChainJars(Files.readAllBytes(workspace.product().pristine().resolve("hot/" + ChainJars.ALPHA + ".jar")));
    }

    /** The phases whose calls go through handles: a failed call there is a failure of the run ({@link #failedThroughHandles}). */
    private static final List<String> THROUGH_HANDLES = List.of("steady", "reloads", "rollback");

    /** @return what failed through handles, if anything: the reason the run must fail */
    static Optional<String> failedThroughHandles(List<CallFigures> figures) {
        return figures.stream().filter(f -> THROUGH_HANDLES.contains(f.phase()) && f.failures() > 0).findFirst()
                .map(f -> f.failures() + " of " + f.calls() + " calls failed through handles in phase " + f.label()
                        + "; the first: " + f.failureTexts());
    }

    List<CallFigures> run() throws IOException, InterruptedException, CallsFailure {
        List<CallFigures> figures = new ArrayList<>();
        try (Running kiln = Running.start(workspace, "calls")) {
            figures.add(phase(kiln, "steady", "(a) no reloads", () -> {
                Thread.sleep(plan.steady().toMillis());
                return List.of();
            }));
            figures.add(phase(kiln, "reloads", "(b) alpha replaced " + plan.reloads() + "×",
                    () -> reloads(kiln, "0.2.", plan.reloads(), false)));
            figures.add(phase(kiln, "rollback", "(c) alpha replaced once by a failing version, rolled back", () -> {
                Thread.sleep(2000);
                List<Update> millis = List.of(update(kiln, ChainJars.failingAlpha(), "9.0.0", "ROLLED_BACK"));
                Thread.sleep(2000);
                return millis;
            }));
        }
        // the comparison: Kiln hands callers the services themselves where a link is marked kiln.call.direct=true
        try (Running kiln = Running.start(workspace, "calls-direct-alpha", hot -> direct(hot, "alpha"))) {
            figures.add(phase(kiln, "direct-alpha", "comparison: alpha's service direct (kiln.call.direct=true), replaced "
                    + plan.directReloads() + "×", () -> reloads(kiln, "0.3.", plan.directReloads(), true)));
        }
        try (Running kiln = Running.start(workspace, "calls-direct-all", hot -> direct(hot, "alpha", "beta", "charlie"))) {
            figures.add(phase(kiln, "direct-all", "comparison: every link's service direct (as before issue 10), alpha replaced "
                    + plan.directReloads() + "×", () -> reloads(kiln, "0.3.", plan.directReloads(), true)));
        }
        return figures;
    }

    /** Marks the samples' {@code links} direct in a copy's {@code hot/} before it starts (version {@code 0.3.0}). */
    private static void direct(Path hot, String... links) throws IOException {
        for (String link : links) {
            Path jar = hot.resolve("kiln-sample-chain-" + link + ".jar");
            Files.write(jar, ChainJars.link(Files.readAllBytes(jar), link, "0.3.0", true));
        }
    }

    private interface Driver {
        List<Update> drive() throws IOException, InterruptedException, CallsFailure;
    }

    private CallFigures phase(Running kiln, String phase, String label, Driver driver)
            throws IOException, InterruptedException, CallsFailure {
        System.out.printf("  [calls] %s: %d callers%n", label, plan.threads());
        ProbeOutput out = workspace.output();
        String running = "calls-" + phase + ".running";
        String record = "calls-" + phase + ".properties";
        out.forget(running);
        out.forget(record);
        out.forget("calls-" + phase + ".slow");
        Path probe = kiln.hot().resolve("kiln-bench-calls-" + phase + ".jar");
        workspace.drop().put(kiln.hot(), probe.getFileName().toString(), ChainJars.caller(phase, plan.threads(), plan.warmUp().toMillis(), out.folder()));
        if (out.await(running, Duration.ofSeconds(60)).isEmpty()) {
            throw new CallsFailure("the caller probe of phase " + phase + " did not get its callers under way within 60 s"
                    + " (no successful call through charlie; see " + kiln.log() + ")");
        }
        List<Update> updates = driver.drive();
        if (Files.exists(out.folder().resolve(record))) {
            throw new CallsFailure("the caller probe of phase " + phase + " was deactivated before its end: Kiln restarted it");
        }
        Files.delete(probe);
        Optional<String> figures = out.awaitText(record, Duration.ofSeconds(60));
        if (figures.isEmpty()) {
            throw new CallsFailure("the caller probe of phase " + phase + " wrote no figures within 60 s of its removal");
        }
        String slow = Files.readString(out.folder().resolve("calls-" + phase + ".slow"), java.nio.charset.StandardCharsets.US_ASCII);
        return CallFigures.parse(label, figures.get(), slow, updates);
    }

    private List<Update> reloads(Running kiln, String prefix, int count, boolean direct)
            throws IOException, InterruptedException, CallsFailure {
        List<Update> millis = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            millis.add(update(kiln, jars.alpha(prefix + k, direct), prefix + k, "APPLIED"));
            Thread.sleep(plan.pause().toMillis());
        }
        return millis;
    }

    /** Replaces alpha's jar in {@code hot/} and waits for the update's change event; its outcome must be {@code outcome}. */
    private Update update(Running kiln, byte[] jar, String version, String outcome)
            throws IOException, InterruptedException, CallsFailure {
        kiln.events().clear();
        long dropped = System.nanoTime(); // the rename into hot/ comes a moment later
        workspace.drop().put(kiln.hot(), ChainJars.ALPHA + ".jar", jar);
        String json = kiln.awaitUpdate(version, EVENT_TIMEOUT);
        long event = System.nanoTime();
        if (!json.contains("\"outcome\":\"" + outcome + "\"")) {
            throw new CallsFailure("the update of alpha to " + version + " did not end " + outcome + ": " + json);
        }
        Matcher duration = DURATION.matcher(json);
        return new Update(version, duration.find() ? Double.parseDouble(duration.group(1)) : Double.NaN, dropped, event);
    }
}
