package io.kiln.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The crash benchmark ({@code --crash}, docs/BENCHMARKS.md "Crash at any moment"): on one fresh copy, first each
 * kind of change stopped at each durable write step in turn (the test-only hook {@code kiln.test.crashAtWrite=N},
 * N = 1, 2, ... until the change completes before step N), then {@code cycles} changes, each kind in turn,
 * each killed with SIGKILL at a random moment (seeded); every restart checked by {@link CrashCheck}.
 */
final class CrashRun {

    /**
     * @param cycles       changes killed at a random moment
     * @param sweep        whether to stop each kind of change at each write step in turn first
     * @param seed         the seed of the kill moments
     * @param pluginMillis a plugin change is killed 0 to this many milliseconds after its jar is dropped
     * @param sectionMillis a section change is killed 0 to this many milliseconds after its request is sent
     */
    record Plan(int cycles, boolean sweep, long seed, int pluginMillis, int sectionMillis) {
    }

    /** How {@link CrashCycles.Cycle#stoppedBy()} ends for a kill that came after the change completed. */
    static final String COMPLETED = ", after it completed";

    /** Bounds a sweep, should a change never complete: far more steps than one change has. */
    private static final int MAX_STEPS = 200;

    private CrashRun() {
    }

    /** Runs the plan, telling each cycle on {@code progress} as it ends. */
    static List<CrashCycles.Cycle> run(Path distribution, Path work, Plan plan, PrintStream progress)
            throws IOException, InterruptedException {
        progress.println("Crash cycles: seed " + plan.seed() + ", " + plan.cycles() + " random kills"
                + (plan.sweep() ? ", after every write step of each kind of change" : "") + "; copy in " + work);
        CrashCycles crashes = CrashCycles.setUp(distribution, work, cycle -> tell(progress, cycle));
        if (plan.sweep()) {
            for (CrashCycles.Kind kind : CrashCycles.Kind.values()) {
                for (int step = 1; step <= MAX_STEPS && crashes.run(kind, CrashCycles.Kill.atStep(step)); step++) {
                    // halted after this step: the next one
                }
            }
        }
        Random random = new Random(plan.seed());
        for (int i = 0; i < plan.cycles(); i++) {
            CrashCycles.Kind kind = CrashCycles.Kind.values()[i % CrashCycles.Kind.values().length];
            int bound = kind == CrashCycles.Kind.SECTION ? plan.sectionMillis() : plan.pluginMillis();
            crashes.run(kind, CrashCycles.Kill.after(random.nextInt(bound + 1)));
        }
        return crashes.finish();
    }

    private static void tell(PrintStream progress, CrashCycles.Cycle c) {
        progress.printf("  %3d %-7s %-22s %-4s %s%s%n", c.number(), c.kind(), c.kill(), c.cameBack(), c.passed() ? "ok" : "FAILED " + c.check().problems(),
                c.check().recovered().isEmpty() ? "" : " recovered: " + c.check().recovered());
    }

    /** The report: cycles, kill points and outcomes, and every failure in full. */
    static String markdown(List<CrashCycles.Cycle> cycles, Plan plan, String command) {
        StringBuilder out = new StringBuilder("## Crash at any moment\n\n");
        out.append("Command: `").append(command).append("`; seed ").append(plan.seed()).append("\n\n");
        long failed = cycles.stream().filter(c -> !c.passed()).count();
        out.append("| | cycles | kill points | killed before the change completed | came back old | came back new | recovered at start | torn history entry dropped | failed |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (CrashCycles.Kind kind : CrashCycles.Kind.values()) {
            row(out, kind + ", each write step", cycles.stream().filter(c -> c.kind() == kind && c.kill().step() > 0).toList());
            row(out, kind + ", random SIGKILL", cycles.stream().filter(c -> c.kind() == kind && c.kill().step() == 0).toList());
        }
        row(out, "all", cycles);
        out.append("\nWrite steps halted at, by kind (the hook's own words):\n\n");
        for (CrashCycles.Kind kind : CrashCycles.Kind.values()) {
            cycles.stream().filter(c -> c.kind() == kind && c.halted())
                    .forEach(c -> out.append("- ").append(kind).append(" ").append(c.stoppedBy()).append(" → came back ")
                            .append(c.cameBack()).append(c.check().recovered().isEmpty() ? "" : "; recovered: " + c.check().recovered()).append('\n'));
        }
        Map<String, Long> recoveries = cycles.stream().flatMap(c -> c.check().recovered().stream())
                .collect(Collectors.groupingBy(r -> r.replaceAll("\\d+\\.\\d+\\.\\d+", "V").replaceAll("kept build \\S+\\)", "kept build ...)"),
                        TreeMap::new, Collectors.counting()));
        out.append("\nRecoveries reported by the status:").append(recoveries.isEmpty() ? " none" : "").append('\n');
        recoveries.forEach((line, count) -> out.append("- ").append(count).append("× ").append(line).append('\n'));
        out.append("\nTemporary files left beside their targets after all cycles: ")
                .append(cycles.isEmpty() ? 0 : cycles.get(cycles.size() - 1).check().tempFiles()).append('\n');
        out.append("\nFailed cycles: ").append(failed).append('\n');
        cycles.stream().filter(c -> !c.passed()).forEach(c -> out.append("- cycle ").append(c.number()).append(" (").append(c.kind())
                .append(", ").append(c.kill()).append(", ").append(c.stoppedBy()).append("): ").append(c.check().problems()).append('\n'));
        return out.toString();
    }

    private static void row(StringBuilder out, String label, List<CrashCycles.Cycle> cycles) {
        if (cycles.isEmpty()) {
            return;
        }
        out.append("| ").append(label).append(" | ").append(cycles.size())
                .append(" | ").append(cycles.stream().filter(c -> c.halted() || c.kill().step() == 0).count())
                .append(" | ").append(cycles.stream().filter(c -> c.halted() || (c.kill().step() == 0 && !c.stoppedBy().endsWith(COMPLETED))).count())
                .append(" | ").append(cycles.stream().filter(c -> c.cameBack().equals("old")).count())
                .append(" | ").append(cycles.stream().filter(c -> c.cameBack().equals("new")).count())
                .append(" | ").append(cycles.stream().filter(c -> !c.check().recovered().isEmpty()).count())
                .append(" | ").append(cycles.stream().filter(c -> c.check().tornEntry()).count())
                .append(" | ").append(cycles.stream().filter(c -> !c.passed()).count()).append(" |\n");
    }
}
