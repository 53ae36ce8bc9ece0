package io.kiln.shell.internal;

import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.api.ReloadSummary;
import io.kiln.runtime.api.SectionResult;

/** How the shell shows the outcome of a change. */
final class Results {

    private Results() {
    }

    static String line(ChangeResult result) {
        String versions = result.toVersion().isEmpty() || result.toVersion().equals(result.fromVersion())
                ? result.fromVersion() : result.fromVersion() + " -> " + result.toVersion();
        String text = result.action().label() + " " + result.plugin() + " " + versions + ": " + result.outcome()
                + " (" + result.duration().toMillis() + " ms)";
        StringBuilder out = new StringBuilder(result.error().isEmpty() ? text : text + "\n  " + result.error().replace("\n", "\n  "));
        for (DependentChange dependent : result.dependents()) {
            out.append("\n  ").append(dependent(dependent));
        }
        return out.toString();
    }

    /** One dependent of a change, in one line: how it depends, whether the change restarted it, whether it is back. */
    static String dependent(DependentChange d) {
        String restarted = d.restarted() ? "restarted (" + d.restart() + "), " : "";
        return "dependent " + d.plugin() + " (" + d.why() + "): " + restarted + (d.intact() ? "back as it was" : d.problem());
    }

    static String summary(ReloadSummary summary) {
        StringBuilder out = new StringBuilder();
        summary.results().forEach(r -> out.append(line(r)).append('\n'));
        out.append(summary.succeeded()).append(" reloaded, ").append(summary.failed()).append(" failed");
        return out.toString();
    }

    /** A failed change fails the command, so a script running it sees the failure. */
    static String orFail(String text, boolean succeeded) {
        if (!succeeded) {
            throw new IllegalStateException(text);
        }
        return text;
    }

    /** @return one line per section change, its error and warnings; failing the command if one was not applied */
    static String sections(SectionResult... results) {
        StringBuilder out = new StringBuilder();
        boolean failed = false;
        for (SectionResult r : results) {
            out.append("section ").append(r.pid()).append(" (").append(r.file()).append("): ").append(r.outcome())
                    .append(" (").append(r.duration().toMillis()).append(" ms)\n");
            if (!r.error().isEmpty()) {
                out.append("  ").append(r.error()).append('\n');
            }
            r.warnings().forEach(w -> out.append("  warning: ").append(w).append('\n'));
            failed |= !r.succeeded();
        }
        return Results.orFail(out.toString().stripTrailing(), !failed);
    }
}
