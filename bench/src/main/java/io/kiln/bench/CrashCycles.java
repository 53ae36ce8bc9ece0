package io.kiln.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Update cycles of one Kiln copy, each stopped dead: the copy is started, one change is made (a new version of a plugin
 * with state dropped into {@code hot/}, or a value of a {@code .cfg} section set through the admin API), the JVM is
 * stopped at a moment chosen by a {@link Kill}, then Kiln is started again and {@link CrashCheck} says whether what it
 * came back to is the state before the change or after it, nothing lost, nothing half-written. The start that checks
 * one change makes the next.
 * <p>
 * The plugin is {@value #PROBE} ({@code io.kiln.bench.probe.StateProbe}): version {@code 1.0.k} saves
 * {@code version=1.0.k} as it stops and says, as it starts, which version's state it found. The section is the
 * samples' {@value #PID}.
 */
final class CrashCycles {

    static final String PROBE = "crash-probe";
    static final String PID = "sample.greeting";
    static final Duration START = Duration.ofSeconds(60);
    /** A change takes well under a second here; this only bounds a change that never ends. */
    static final Duration CHANGE = Duration.ofSeconds(60);
    /** How long a run that reached its change's end is watched for a halt at a write step after it. */
    static final Duration TRAILING = Duration.ofSeconds(1);
    private static final String HOOK = "kiln.test.crashAtWrite";
    private static final String HALTING = HOOK + ": halting";

    /**
     * What one cycle changes: the probe's version ({@code 1.0.k} to {@code 1.0.k+1}), the probe's build with its
     * version kept (a jar that differs only in a header, as a SNAPSHOT rebuilt would), or a section's value.
     */
    enum Kind {
        PLUGIN, BUILD, SECTION
    }

    /** When a cycle's JVM is stopped: after the hook's write step {@code step}, or {@code delayMillis} after the change began. */
    record Kill(int step, int delayMillis) {

        static Kill atStep(int step) {
            return new Kill(step, -1);
        }

        static Kill after(int delayMillis) {
            return new Kill(0, delayMillis);
        }

        @Override
        public String toString() {
            return step > 0 ? "write step " + step : "SIGKILL at " + delayMillis + " ms";
        }
    }

    /**
     * How one cycle went.
     *
     * @param stoppedBy what stopped the JVM: the hook's halt (with its step and file), the kill, or nothing before the
     *                  change completed
     * @param halted    whether the hook halted the JVM (false: the change completed before the step asked for)
     * @param cameBack  what the restart found, before Kiln finished anything left over: {@code old} or {@code new}
     */
    record Cycle(int number, Kind kind, Kill kill, String stoppedBy, boolean halted, String cameBack, CrashCheck.Result check) {

        boolean passed() {
            return check.problems().isEmpty();
        }
    }

    /** A change made and stopped, whose restart is still to be checked. */
    private record Stopped(int number, Kind kind, Kill kill, String stoppedBy, boolean halted, CrashCheck.Expected before,
            String newText) {
    }

    private final Path home;
    private final Path logs;
    private final Path armed;
    private final Drop drop;
    private final Consumer<Cycle> checked;
    private final List<Cycle> cycles = new ArrayList<>();
    private CrashCheck.Expected expected;
    private Stopped unchecked;
    private int runs;

    private CrashCycles(Path home, Path logs, CrashCheck.Expected expected, Consumer<Cycle> checked) throws IOException {
        this.home = home;
        this.logs = logs;
        this.armed = home.resolve("../crash-armed").normalize();
        Files.deleteIfExists(armed);
        this.drop = new Drop(home.resolve("../staging").normalize());
        this.expected = expected;
        this.checked = checked;
    }

    /**
     * Makes a fresh copy of the distribution in {@code work}, installs {@code crash-probe 1.0.0} and starts it once, to
     * learn its plugins; every later start finds them.
     *
     * @param checked told of each cycle once its restart is checked
     */
    static CrashCycles setUp(Path distribution, Path work, Consumer<Cycle> checked) throws IOException, InterruptedException {
        Path home = work.resolve("kiln");
        FileTrees.delete(work);
        FileTrees.copy(distribution, home);
        try (Stream<Path> data = Files.list(home.resolve("data"))) {
            for (Path p : data.filter(p -> !p.getFileName().toString().equals("README.md")).toList()) {
                FileTrees.delete(p);
            }
        }
        Path logs = Files.createDirectories(work.resolve("logs"));
        Files.write(home.resolve("hot/" + PROBE + ".jar"), probe(0, work));
        String text = CrashCheck.sectionText(home);
        try (CrashKiln kiln = CrashKiln.start(home, "", logs.resolve("setup.log"))) {
            AdminApi api = awaitStart(kiln, home);
            await(kiln, 0, PROBE + " 1.0.0 active, state: none", "crash-probe 1.0.0 to start");
            List<String> names = CrashCheck.awaitAllActive(new CrashApi(api)).stream().map(CrashApi.Plugin::name).sorted().toList();
            return new CrashCycles(home, logs, new CrashCheck.Expected(names, 0, "", "none", text), checked);
        }
    }

    Path home() {
        return home;
    }

    /**
     * Starts Kiln with the hook set as {@code kill} asks, checks the restart after the previous change (if any), makes
     * one change of {@code kind} and stops the JVM as {@code kill} says. One start serves both: the hook counts only
     * while the harness's arm file exists, which it creates just before the change.
     *
     * @return whether the hook halted the JVM (false for a random kill, and when the change completed first)
     */
    boolean run(Kind kind, Kill kill) throws IOException, InterruptedException {
        int number = cycles.size() + (unchecked == null ? 1 : 2);
        String options = kill.step() > 0 ? hookOptions(kill.step(), armed) : "";
        try (CrashKiln kiln = CrashKiln.start(home, options, log(number, kind))) {
            if (unchecked != null) {
                check(kiln);
            } else {
                awaitStart(kiln, home);
            }
            CrashCheck.Expected before = expected;
            int skip = kiln.lines().size();
            String newText = "Cycle " + number;
            Predicate<String> done;
            Files.write(armed, new byte[0]);
            CompletableFuture<Integer> answer = CompletableFuture.completedFuture(200);
            if (kind != Kind.SECTION) {
                CrashCheck.Expected after = before.changed(kind, number);
                drop.put(home.resolve("hot"), PROBE + ".jar", ProbeJar.stateProbe(PROBE, after.version(), after.build(), home));
                done = committedLine(before, after).asPredicate();
            } else {
                CrashApi api = new CrashApi(AdminApi.await(home, START));
                answer = CompletableFuture.supplyAsync(() -> {
                    try {
                        return api.setConfig(PID, "text", newText);
                    } catch (IOException | InterruptedException e) {
                        return -1; // the JVM was stopped under the request
                    }
                });
                String applied = "section " + PID + " applied: text=" + newText;
                done = l -> l.contains(applied);
            }
            String stoppedBy;
            boolean halted = false;
            if (kill.step() > 0) {
                Optional<Integer> end = kiln.awaitLine(skip, l -> done.test(l) || l.startsWith(HALTING), CHANGE);
                boolean completed = end.isPresent() && done.test(kiln.lines().get(end.get()));
                if (completed) {
                    // a section's last writes may come after its plugin's line: its request's answer is waited for too
                    answer.completeOnTimeout(-1, CHANGE.toMillis(), TimeUnit.MILLISECONDS).join();
                }
                Optional<Integer> exit = kiln.awaitExit(completed ? TRAILING : CHANGE);
                Optional<String> halt = kiln.lines().stream().filter(l -> l.startsWith(HALTING)).findFirst();
                halted = exit.isPresent() && halt.isPresent();
                stoppedBy = halted ? halt.get().substring(HOOK.length() + 2)
                        : exit.map(code -> "exited " + code + " without the hook's line").orElse("the change completed before write step " + kill.step());
            } else {
                TimeUnit.MILLISECONDS.sleep(kill.delayMillis()); // the kill's moment, drawn by the caller
                boolean completed = kiln.lines().stream().skip(skip).anyMatch(done);
                stoppedBy = "SIGKILL " + kill.delayMillis() + " ms after the change began" + (completed ? CrashRun.COMPLETED : "");
            }
            kiln.kill();
            Files.deleteIfExists(armed);
            answer.cancel(true);
            unchecked = new Stopped(number, kind, kill, stoppedBy, halted, before, newText);
            return halted;
        }
    }

    /** Starts Kiln once more to check the restart after the last change. @return every cycle, checked */
    List<Cycle> finish() throws IOException, InterruptedException {
        if (unchecked != null) {
            try (CrashKiln kiln = CrashKiln.start(home, "", log(unchecked.number() + 1, null))) {
                check(kiln);
                kiln.kill();
            }
        }
        return List.copyOf(cycles);
    }

    private void check(CrashKiln kiln) throws IOException, InterruptedException {
        Stopped s = unchecked;
        CrashCheck.Result result = new CrashCheck(home, kiln, s.before(), s.kind(), s.number(), s.newText()).check();
        expected = result.after();
        Cycle cycle = new Cycle(s.number(), s.kind(), s.kill(), s.stoppedBy(), s.halted(), result.cameBack(), result);
        cycles.add(cycle);
        unchecked = null;
        checked.accept(cycle);
    }

    private Path log(int cycle, Kind kind) {
        return logs.resolve(String.format("run-%03d-cycle-%03d-%s.log", ++runs, cycle, kind == null ? "check" : kind));
    }

    /** @return the JVM options that halt Kiln after write step {@code step}, counted while {@code armed} exists */
    static String hookOptions(int step, Path armed) {
        return "-D" + HOOK + "=" + step + " -D" + HOOK + ".armedBy=" + armed;
    }

    static byte[] probe(int minor, Path out) {
        return ProbeJar.stateProbe(PROBE, "1.0." + minor, "", out);
    }

    /**
     * @return what Kiln logs as the probe's change from {@code before} to {@code after} commits: {@code update
     *         crash-probe 1.0.2 (was 1.0.1) (...)}, or for a new build of the same version {@code update crash-probe 1.0.2
     *         (12 ms, file)}, where a plain {@code 1.0.2 (} would match other lines of the probe too
     */
    static Pattern committedLine(CrashCheck.Expected before, CrashCheck.Expected after) {
        String update = "update " + PROBE + " " + Pattern.quote(after.version()) + " ";
        return Pattern.compile(after.version().equals(before.version()) ? update + "\\(\\d+ ms, "
                : update + Pattern.quote("(was " + before.version() + ")"));
    }

    static AdminApi awaitStart(CrashKiln kiln, Path home) throws IOException, InterruptedException {
        await(kiln, 0, "Kiln ready in ", "Kiln to start");
        return AdminApi.await(home, START);
    }

    static int await(CrashKiln kiln, int skip, String text, String what) throws IOException, InterruptedException {
        return kiln.awaitLine(skip, l -> l.contains(text), START)
                .orElseThrow(() -> new IOException("no line '" + text + "' (waiting for " + what + "); output:\n"
                        + String.join("\n", kiln.lines())));
    }

}
